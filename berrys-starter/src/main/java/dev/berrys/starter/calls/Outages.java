package dev.berrys.starter.calls;

import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClientResponseException;

/**
 * Tells an outage (the dependency cannot be reached or says it is unavailable: connection refused or
 * closed, timeout, 408, 429, 502, 503, 504, database or Redis unreachable) from a failure of the work
 * itself (a refusal, a bad request, an answer that is not usable). Only the second may use up an attempt.
 */
public final class Outages {
    private Outages() {}

    /** Whether {@code e} says the dependency is unavailable rather than that the call was wrong. */
    public static boolean isOutage(Throwable e) {
        if (e instanceof RestClientResponseException response) {
            return isOutageStatus(response.getStatusCode().value());
        }
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ResourceAccessException
                    || t instanceof DataAccessResourceFailureException // includes CannotGetJdbcConnection, Redis
                    || t instanceof TransientDataAccessResourceException
                    || t instanceof QueryTimeoutException
                    || t instanceof CannotCreateTransactionException
                    || t instanceof SQLTransientConnectionException
                    || t instanceof HttpTimeoutException
                    || t instanceof TimeoutException
                    || (t instanceof SQLException sql && isConnectionState(sql.getSQLState()))
                    || isRedisConnectionFailure(t)
                    || t instanceof SocketException // connection refused or reset
                    || t instanceof SocketTimeoutException
                    || t instanceof ClosedChannelException
                    || t instanceof UnknownHostException) {
                return true;
            }
        }
        return false;
    }

    /** 408, 429, 502, 503 and 504: the service or what is behind it cannot answer now. */
    public static boolean isOutageStatus(int status) {
        return status == 408 || status == 429 || status == 502 || status == 503 || status == 504;
    }

    /** A short reason for a person: the root cause's type and message, or the status. */
    public static String describe(Throwable e) {
        if (e instanceof RestClientResponseException response) {
            return "HTTP " + response.getStatusCode().value();
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        @Nullable String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }

    // SQLState class 08: connection exception; 57P01-03: the server shuts down or cannot accept; 53300:
    // too many connections
    private static boolean isConnectionState(@Nullable String state) {
        return state != null && (state.startsWith("08") || state.startsWith("57P") || state.equals("53300"));
    }

    // by name: Lettuce is on every service's classpath, but the classifier should not need it
    private static boolean isRedisConnectionFailure(Throwable t) {
        String name = t.getClass().getName();
        return name.equals("io.lettuce.core.RedisConnectionException")
                || name.equals("io.lettuce.core.RedisCommandTimeoutException")
                || name.equals("org.springframework.data.redis.RedisConnectionFailureException");
    }
}
