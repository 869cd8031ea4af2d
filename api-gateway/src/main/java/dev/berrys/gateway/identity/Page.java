package dev.berrys.gateway.identity;

import java.util.List;
import java.util.function.Function;

/** One page of a list, as every Berrys list is returned. */
public record Page<T>(List<T> content, int page, int size, long totalElements, int totalPages) {

    static <T> Page<T> of(List<T> content, int page, int size, long total) {
        return new Page<>(content, page, size, total, (int) ((total + size - 1) / size));
    }

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(content.stream().map(mapper).toList(), page, size, totalElements, totalPages);
    }
}
