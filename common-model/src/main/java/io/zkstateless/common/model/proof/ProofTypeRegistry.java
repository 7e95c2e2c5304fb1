package io.zkstateless.common.model.proof;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The configured proof types, one per subnet. Built once from configuration (names to ids) and
 * validated: no duplicate id, name or subnet, every subnet below the configured subnet count.
 * Lookups by unknown name or id fail with a message listing what is known.
 */
public final class ProofTypeRegistry {

  /**
   * Default names and ids (subnet = id), from the Lighthouse design's subnet map: 0 execution
   * witness proofs, 1 SP1, 2 other RISC-V zkVMs, 3 zkEVM; 7 is our mock prover. 4-6 are free (e.g.
   * zisk, openvm, airbender).
   */
  public static final Map<String, Integer> DEFAULT_TYPES = defaultTypes();

  private final ExecutionProofSubnetConfig subnets;
  private final Map<String, ProofType> byName;
  private final Map<Integer, ProofType> byId;
  private final Map<ExecutionProofSubnetId, ProofType> bySubnet;

  private ProofTypeRegistry(final ExecutionProofSubnetConfig subnets, final List<ProofType> types) {
    this.subnets = subnets;
    final Map<String, ProofType> names = new LinkedHashMap<>();
    final Map<Integer, ProofType> ids = new HashMap<>();
    final Map<ExecutionProofSubnetId, ProofType> subnetMap = new HashMap<>();
    for (final ProofType type : types) {
      ExecutionProofSubnetId.of(type.subnet().toUint64(), subnets);
      rejectDuplicate(names.put(type.name(), type), type, "name");
      rejectDuplicate(ids.put(type.id(), type), type, "id");
      rejectDuplicate(subnetMap.put(type.subnet(), type), type, "subnet");
    }
    this.byName = Collections.unmodifiableMap(names);
    this.byId = Map.copyOf(ids);
    this.bySubnet = Map.copyOf(subnetMap);
  }

  /** The default types under the default 8 subnets. */
  public static ProofTypeRegistry defaults() {
    return fromConfig(DEFAULT_TYPES, ExecutionProofSubnetConfig.DEFAULT);
  }

  /**
   * Types from configuration, name to id; each type's subnet is its id (the v1 rule).
   *
   * @throws IllegalArgumentException naming the offending entry
   */
  public static ProofTypeRegistry fromConfig(
      final Map<String, Integer> nameToId, final ExecutionProofSubnetConfig subnets) {
    final List<ProofType> types = new ArrayList<>();
    nameToId.forEach(
        (name, id) -> {
          if (id == null) {
            throw new IllegalArgumentException("proof type " + name + " has no id");
          }
          types.add(new ProofType(id, name, subnetFor(name, id, subnets)));
        });
    return of(types, subnets);
  }

  /** Explicit types, for a mapping where ids and subnets differ. */
  public static ProofTypeRegistry of(
      final List<ProofType> types, final ExecutionProofSubnetConfig subnets) {
    return new ProofTypeRegistry(subnets, types);
  }

  public ExecutionProofSubnetConfig subnets() {
    return subnets;
  }

  /** All types in configuration order. */
  public List<ProofType> all() {
    return List.copyOf(byName.values());
  }

  public Optional<ProofType> findByName(final String name) {
    return Optional.ofNullable(byName.get(name));
  }

  public Optional<ProofType> findById(final int id) {
    return Optional.ofNullable(byId.get(id));
  }

  public Optional<ProofType> findBySubnet(final ExecutionProofSubnetId subnet) {
    return Optional.ofNullable(bySubnet.get(subnet));
  }

  /**
   * @throws IllegalArgumentException if no type has this name
   */
  public ProofType byName(final String name) {
    return findByName(name)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown proof type '" + name + "'; known: " + byName.keySet()));
  }

  /**
   * @throws IllegalArgumentException if no type has this id
   */
  public ProofType byId(final int id) {
    return findById(id)
        .orElseThrow(
            () ->
                new IllegalArgumentException("unknown proof type id " + id + "; known: " + all()));
  }

  /**
   * @throws IllegalArgumentException if no type is bound to this subnet
   */
  public ProofType bySubnet(final ExecutionProofSubnetId subnet) {
    return findBySubnet(subnet)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "no proof type on subnet " + subnet + "; known: " + all()));
  }

  private static ExecutionProofSubnetId subnetFor(
      final String name, final int id, final ExecutionProofSubnetConfig subnets) {
    try {
      return ExecutionProofSubnetId.of(id, subnets);
    } catch (final IllegalArgumentException e) {
      throw new IllegalArgumentException("proof type " + name + ": " + e.getMessage(), e);
    }
  }

  private static void rejectDuplicate(
      final ProofType previous, final ProofType type, final String what) {
    if (previous != null) {
      throw new IllegalArgumentException(
          "duplicate proof type " + what + ": " + previous + " and " + type);
    }
  }

  private static Map<String, Integer> defaultTypes() {
    final Map<String, Integer> types = new LinkedHashMap<>();
    types.put("witness", 0);
    types.put("sp1", 1);
    types.put("risc-v", 2);
    types.put("zkevm", 3);
    types.put("mock", 7);
    return Collections.unmodifiableMap(types);
  }

  @Override
  public String toString() {
    return "ProofTypeRegistry" + all();
  }
}
