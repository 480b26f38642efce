package org.classgate.incidents;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Actions taken on an incident: the columns of the seeds' "School Actions & Sanctions" tables, for
 * pupils' incidents and for staff incidents.
 */
public enum IncidentAction {
  REFER_TO_CLASS_TEACHER("Refer to class teacher"),
  REFER_TO_HEADTEACHER("Refer to Headteacher / Principal"),
  REFER_TO_POLICE("Refer to Police"),
  INFORM_PARENTS("Inform parents / carers"),
  REMOVE_NETWORK_ACCESS("Removal of network / internet access rights"),
  WARNING("Warning"),
  FURTHER_SANCTION("Further sanction"),
  REFER_TO_LOCAL_AUTHORITY_HR("Refer to Local Authority / HR"),
  SUSPENSION("Suspension"),
  DISCIPLINARY_ACTION("Disciplinary action");

  private final String title;

  IncidentAction(String title) {
    this.title = title;
  }

  /** The seeds' wording. */
  public String title() {
    return title;
  }

  /** The stored and typed name, e.g. {@code refer-to-police}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * The action named {@code label}.
   *
   * @throws IllegalArgumentException listing the names, for anything else
   */
  public static IncidentAction ofLabel(String label) {
    List<String> labels = new ArrayList<>();
    for (IncidentAction action : values()) {
      if (action.label().equals(label)) {
        return action;
      }
      labels.add(action.label());
    }
    throw new IllegalArgumentException(
        "unknown action '" + label + "': one of " + String.join(", ", labels));
  }
}
