package io.zkstateless.deploy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough PromQL reading to know which series and labels an expression uses: vector selectors
 * ({@code name{label="v"}}) and grouping clauses ({@code by (a, b)}, {@code on (a)}). Functions,
 * aggregations, keywords, numbers, ranges and Grafana variables are told apart from metric names.
 */
final class PromQl {

  /** One vector selector: the series name and the label names it matches on. */
  record Selector(String metric, Set<String> labels) {}

  private static final Set<String> KEYWORDS =
      Set.of(
          "by",
          "without",
          "on",
          "ignoring",
          "group_left",
          "group_right",
          "and",
          "or",
          "unless",
          "bool",
          "offset");
  private static final Pattern RANGE = Pattern.compile("\\[[^\\]]*\\]");
  private static final Pattern GROUPING =
      Pattern.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\(([^)]*)\\)");
  private static final Pattern NUMBER =
      Pattern.compile("(?<![a-zA-Z_:])\\d+(\\.\\d+)?([eE][-+]?\\d+)?");
  private static final Pattern TOKEN =
      Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*(\\{[^}]*\\})?\\s*(\\()?");
  private static final Pattern MATCHER =
      Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)");

  private PromQl() {}

  static List<Selector> selectors(final String expression) {
    String rest = RANGE.matcher(expression).replaceAll(" ");
    rest = GROUPING.matcher(rest).replaceAll(" ");
    rest = NUMBER.matcher(rest).replaceAll(" ");
    final List<Selector> selectors = new ArrayList<>();
    final Matcher token = TOKEN.matcher(rest);
    while (token.find()) {
      final String name = token.group(1);
      final boolean call = token.group(3) != null && token.group(2) == null;
      if (call || KEYWORDS.contains(name)) {
        continue;
      }
      final Set<String> labels = new LinkedHashSet<>();
      if (token.group(2) != null) {
        final Matcher matcher = MATCHER.matcher(token.group(2).replaceAll("\"[^\"]*\"", "\"\""));
        while (matcher.find()) {
          labels.add(matcher.group(1));
        }
      }
      selectors.add(new Selector(name, labels));
    }
    return selectors;
  }

  /** The label names of every grouping clause ({@code by}, {@code on}, ...). */
  static Set<String> groupingLabels(final String expression) {
    final Set<String> labels = new LinkedHashSet<>();
    final Matcher grouping = GROUPING.matcher(RANGE.matcher(expression).replaceAll(" "));
    while (grouping.find()) {
      for (final String label : grouping.group(2).split(",")) {
        if (!label.isBlank()) {
          labels.add(label.strip());
        }
      }
    }
    return labels;
  }
}
