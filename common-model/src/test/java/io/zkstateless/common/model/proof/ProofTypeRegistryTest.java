package io.zkstateless.common.model.proof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProofTypeRegistryTest {

  @Test
  void defaultsMapNamesToIdsAndSubnetsOneToOne() {
    final ProofTypeRegistry registry = ProofTypeRegistry.defaults();
    assertThat(registry.all())
        .extracting(ProofType::name)
        .containsExactly("witness", "sp1", "risc-v", "zkevm", "mock");
    assertThat(registry.byName("sp1").subnet()).isEqualTo(new ExecutionProofSubnetId(1));
    assertThat(registry.byId(7).name()).isEqualTo("mock");
    assertThat(registry.bySubnet(new ExecutionProofSubnetId(3)).name()).isEqualTo("zkevm");
    assertThat(registry.findBySubnet(new ExecutionProofSubnetId(5))).isEmpty();
  }

  @Test
  void unknownNamesAndIdsAreClearErrors() {
    final ProofTypeRegistry registry = ProofTypeRegistry.defaults();
    assertThatThrownBy(() -> registry.byName("zisk"))
        .hasMessageContaining("unknown proof type 'zisk'")
        .hasMessageContaining("sp1");
    assertThatThrownBy(() -> registry.byId(5)).hasMessageContaining("unknown proof type id 5");
  }

  @Test
  void freeSubnetsCanBeAssignedFromConfig() {
    final Map<String, Integer> config = new LinkedHashMap<>(ProofTypeRegistry.DEFAULT_TYPES);
    config.put("zisk", 4);
    config.put("openvm", 5);
    config.put("airbender", 6);
    final ProofTypeRegistry registry =
        ProofTypeRegistry.fromConfig(config, ExecutionProofSubnetConfig.DEFAULT);
    assertThat(registry.all()).hasSize(8);
    assertThat(registry.byName("airbender").id()).isEqualTo(6);
  }

  @Test
  void rejectsDuplicatesAndSubnetsBeyondTheConfiguredCount() {
    final Map<String, Integer> duplicateId = new LinkedHashMap<>(ProofTypeRegistry.DEFAULT_TYPES);
    duplicateId.put("zisk", 1);
    assertThatThrownBy(
            () -> ProofTypeRegistry.fromConfig(duplicateId, ExecutionProofSubnetConfig.DEFAULT))
        .hasMessageContaining("duplicate proof type id");

    assertThatThrownBy(
            () ->
                ProofTypeRegistry.fromConfig(Map.of("sp1", 8), ExecutionProofSubnetConfig.DEFAULT))
        .hasMessageContaining("proof type sp1: subnet_id 8 is out of range 0..7");

    final ExecutionProofSubnetId one = new ExecutionProofSubnetId(1);
    assertThatThrownBy(
            () ->
                ProofTypeRegistry.of(
                    List.of(new ProofType(1, "sp1", one), new ProofType(2, "zisk", one)),
                    ExecutionProofSubnetConfig.DEFAULT))
        .hasMessageContaining("duplicate proof type subnet");
    assertThatThrownBy(
            () ->
                ProofTypeRegistry.of(
                    List.of(
                        new ProofType(1, "sp1", one),
                        new ProofType(2, "sp1", new ExecutionProofSubnetId(2))),
                    ExecutionProofSubnetConfig.DEFAULT))
        .hasMessageContaining("duplicate proof type name");
  }

  @Test
  void rejectsMalformedNames() {
    assertThatThrownBy(() -> new ProofType(1, "SP1", new ExecutionProofSubnetId(1)))
        .hasMessageContaining("[a-z0-9-]");
    assertThatThrownBy(() -> new ProofType(1, "", new ExecutionProofSubnetId(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void subnetIdsAreBoundedByConfig() {
    assertThat(ExecutionProofSubnetId.of(7).value()).isEqualTo(7);
    assertThatThrownBy(() -> ExecutionProofSubnetId.of(8)).hasMessageContaining("0..7");
    assertThatThrownBy(() -> ExecutionProofSubnetId.of(-1))
        .hasMessageContaining("18446744073709551615");
    assertThat(ExecutionProofSubnetId.of(15, new ExecutionProofSubnetConfig(16)).value())
        .isEqualTo(15);
  }
}
