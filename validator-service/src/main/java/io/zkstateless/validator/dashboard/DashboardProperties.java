package io.zkstateless.validator.dashboard;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The web dashboard ({@code validator.dashboard.*}).
 *
 * @param historySize head samples kept in memory for the chart; the oldest is dropped beyond it
 * @param sampleInterval how often the heads are sampled (720 samples of 5 s cover an hour)
 * @param recentBlocks how many of the latest canonical blocks the dashboard lists
 */
@Validated
@ConfigurationProperties("validator.dashboard")
public record DashboardProperties(
    @DefaultValue("720") @Min(2) @Max(100_000) int historySize,
    @DefaultValue("PT5S") Duration sampleInterval,
    @DefaultValue("16") @Min(1) @Max(256) int recentBlocks) {

  public DashboardProperties {
    if (sampleInterval.toMillis() < 10) {
      throw new IllegalArgumentException("validator.dashboard.sample-interval must be at least 10ms: " + sampleInterval);
    }
  }
}
