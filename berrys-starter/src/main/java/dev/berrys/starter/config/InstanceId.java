package dev.berrys.starter.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.jspecify.annotations.Nullable;

/**
 * The name of this replica of a service ({@code BERRYS_INSTANCE_ID}), unique among the replicas that share
 * a database and Redis: its consumer name in every Redis consumer group, the owner of the leases it takes,
 * and the {@code handled_by} of the work it does. Unset, it is the host name plus the process id (on
 * Kubernetes the host name is the pod's name).
 *
 * @param value the name
 */
public record InstanceId(String value) {

    /** The configured name, else host name and process id. */
    public static InstanceId of(@Nullable String configured) {
        if (configured != null && !configured.isBlank()) {
            return new InstanceId(configured.strip());
        }
        return new InstanceId(host() + "-" + ProcessHandle.current().pid());
    }

    private static String host() {
        String fromEnv = System.getenv("HOSTNAME");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "local";
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
