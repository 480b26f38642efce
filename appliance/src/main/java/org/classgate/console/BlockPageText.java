package org.classgate.console;

/**
 * The block page's words, for 7 to 11 year olds: short sentences, no technical terms. Every value
 * that came from a request is escaped here, at the one place text becomes HTML. Stateless.
 */
final class BlockPageText {
  private BlockPageText() {}

  static String blocked(String host, String kind, String mistakePath) {
    String site = host.isEmpty() ? "This website" : "<strong>" + Html.escape(host) + "</strong>";
    return page(
        "This website is blocked at school",
        "<h1>Stop! This website is blocked at school</h1>\n"
            + "<p class=\"site\">"
            + site
            + " is "
            + Html.escape(kind)
            + ".</p>\n"
            + "<p>The school keeps some websites away to keep you safe.</p>\n"
            + "<p class=\"tell\">If you were not expecting this, or something upset you,"
            + " <strong>tell your teacher</strong>.</p>\n"
            + "<form method=\"post\" action=\""
            + Html.escape(mistakePath)
            + "\">\n"
            + "<input type=\"hidden\" name=\"host\" value=\""
            + Html.escape(host)
            + "\">\n"
            + "<button type=\"submit\">I think this is a mistake</button>\n"
            + "</form>\n");
  }

  static String thanks(String host) {
    return page(
        "Thank you",
        "<h1>Thank you</h1>\n"
            + "<p>Your teacher will look at "
            + (host.isEmpty() ? "this website" : "<strong>" + Html.escape(host) + "</strong>")
            + " and decide if it is safe.</p>\n"
            + "<p>You can tell your teacher about it too.</p>\n");
  }

  static String sorry() {
    return page(
        "This website is blocked at school",
        "<h1>This website is blocked at school</h1>\n<p>Please tell your teacher.</p>\n");
  }

  private static String page(String title, String body) {
    return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        + "<title>"
        + Html.escape(title)
        + "</title>\n<link rel=\"stylesheet\" href=\""
        + BlockPage.STYLE_PATH
        + "\">\n</head>\n<body>\n<main>\n"
        + body
        + "</main>\n</body>\n</html>\n";
  }
}
