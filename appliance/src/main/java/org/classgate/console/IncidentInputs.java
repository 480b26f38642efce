package org.classgate.console;

import java.io.IOException;
import java.util.Map;
import org.classgate.incidents.IncidentException;

/**
 * Reading and checking the fields of the incident, alert and report routes: required text is not
 * blank, every text has a length limit (a record is read by people and printed), ids are numbers.
 * Stateless.
 */
final class IncidentInputs {
  /** Names, positions, groups, devices. */
  static final int SHORT = 120;

  /** Descriptions, reasons, conclusions. */
  static final int LONG = 4000;

  private IncidentInputs() {}

  /** A required text field, stripped. */
  static String required(ApiCall call, String field, String what, int max)
      throws ApiException, IOException {
    String text = call.optionalText(field);
    return checked(text, what, max);
  }

  /** An optional text field, stripped; null if absent or blank. */
  static String optional(ApiCall call, String field, String what, int max)
      throws ApiException, IOException {
    String text = call.optionalText(field);
    if (text == null || text.isBlank()) {
      return null;
    }
    return checked(text, what, max);
  }

  /** A required text member of one object of a list field. */
  static String required(Map<String, Object> row, String field, String what, int max)
      throws ApiException {
    Object value = row.get(field);
    if (value != null && !(value instanceof String)) {
      throw new ApiException(400, what + " must be text");
    }
    return checked((String) value, what, max);
  }

  private static String checked(String text, String what, int max) throws ApiException {
    if (text == null || text.isBlank()) {
      throw new ApiException(400, what + " is required");
    }
    String stripped = text.strip();
    if (stripped.length() > max) {
      throw new ApiException(400, what + " is longer than " + max + " characters");
    }
    return stripped;
  }

  /** The route's {@code {name}} segment as a record number; 404 if it is not one. */
  static long id(ApiCall call, String kind) throws ApiException {
    String text = call.parameter();
    if (text == null || !text.matches("[1-9][0-9]{0,17}")) {
      throw new ApiException(404, "there is no " + kind + " '" + text + "'");
    }
    return Long.parseLong(text);
  }

  /** The console's answer to a refusal of the incident log or the alert inbox. */
  static ApiException refusal(IncidentException e) {
    int status =
        switch (e.reason()) {
          case NOT_FOUND -> 404;
          case INVALID -> 400;
          case CONFLICT -> 409;
        };
    return new ApiException(status, e.getMessage());
  }
}
