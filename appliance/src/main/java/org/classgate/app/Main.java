package org.classgate.app;

/** Entry point of the appliance. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.out.println("ClassGate");
  }
}
