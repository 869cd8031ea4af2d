package dev.berrys.starter.web;

import java.util.List;
import java.util.function.Function;
import org.springframework.data.domain.Page;

/** A page of a list, as every list endpoint answers it. */
public record PageResponse<T>(List<T> content, int page, int size, long totalElements, int totalPages) {

    public static <E, T> PageResponse<T> of(Page<E> page, Function<E, T> mapper) {
        return new PageResponse<>(
                page.getContent().stream().map(mapper).toList(),
                page.getNumber(),
                page.getSize(),
                page.getTotalElements(),
                page.getTotalPages());
    }

    public static <T> PageResponse<T> of(List<T> all, int page, int size) {
        int from = Math.min(all.size(), page * size);
        int to = Math.min(all.size(), from + size);
        int pages = size == 0 ? 0 : (all.size() + size - 1) / size;
        return new PageResponse<>(all.subList(from, to), page, size, all.size(), pages);
    }
}
