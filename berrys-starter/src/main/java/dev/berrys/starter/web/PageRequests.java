package dev.berrys.starter.web;

import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;

/** Validates {@code page} and {@code size} query parameters: 400 naming the parameter, size at most 500. */
public final class PageRequests {
    public static final int MAX_SIZE = 500;

    private PageRequests() {}

    public static PageRequest of(int page, int size, Sort sort) {
        if (page < 0) {
            throw new ProblemException.BadRequest("page", "page must be 0 or more.");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new ProblemException.BadRequest("size", "size must be between 1 and " + MAX_SIZE + ".");
        }
        return PageRequest.of(page, size, sort);
    }
}
