package io.zkstateless.broadcaster.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** The one product-wide {@code zk.*} setting the broadcaster needs. */
@Validated
@ConfigurationProperties("zk")
public record ZkSubnetProperties(
    @DefaultValue("8") @Min(1) @Max(64) int maxExecutionProofSubnets) {}
