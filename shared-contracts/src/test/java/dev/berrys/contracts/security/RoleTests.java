package dev.berrys.contracts.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RoleTests {
    @Test
    void everyRoleButViewerMayWrite() {
        assertThat(Role.names()).containsExactly("ADMIN", "OPERATOR", "VIEWER", "SERVICE");
        assertThat(Role.names(Role.WRITERS)).containsExactly("ADMIN", "OPERATOR", "SERVICE");
        assertThat(Role.ADMIN.authority()).isEqualTo("ROLE_ADMIN");
    }
}
