package org.classgate.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpResponse;
import java.util.Map;
import org.classgate.console.auth.Role;

/** Signs a fixture's ready user in over the API (with a TOTP code when the role needs one). */
final class SignIn {
  private SignIn() {}

  static ConsoleHttp as(ConsoleFixture fixture, Role role) throws Exception {
    ConsoleHttp http = new ConsoleHttp(fixture.consoleUrl());
    HttpResponse<String> login =
        http.send(
            "POST",
            "/api/session",
            Map.of("user", ConsoleFixture.userFor(role), "password", ConsoleFixture.PASSWORD));
    assertEquals(200, login.statusCode(), login.body());
    if (role.requiresTotp()) {
      HttpResponse<String> code =
          http.send("POST", "/api/session/totp", Map.of("code", fixture.freshCode(role)));
      assertEquals(200, code.statusCode(), code.body());
    }
    return http;
  }
}
