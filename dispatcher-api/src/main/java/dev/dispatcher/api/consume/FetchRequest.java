package dev.dispatcher.api.consume;

import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import dev.dispatcher.api.filter.FilterSet;
import dev.dispatcher.common.event.BinaryAction;
import dev.dispatcher.common.event.EventModel;
import dev.dispatcher.common.web.ApiException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springframework.util.MultiValueMap;

/**
 * One fetch, read from the query in either spelling: the documented one ({@code timeout},
 * {@code f-*}) or the one Azul's client sends ({@code deadline}, {@code r-*}, {@code d-*}).
 *
 * @param azulSpelling whether the request used the current Azul client's spelling
 */
public record FetchRequest(EventModel model, Mode mode, String name, String version, int count, Duration timeout,
                           Set<Stream> streams, FilterSet filters, boolean azulSpelling) {

    /** Parameters Azul's client sends that change nothing here. */
    static final Set<String> IGNORED = Set.of("deployment_key", "max-security", "debug", "reset", "avro-format");

    /** Reads and checks every parameter; a bad one is a 400 naming it. */
    static FetchRequest parse(String modelName, Mode mode, MultiValueMap<String, String> query, ConsumeProperties limits,
                              Set<String> configuredSources) {
        EventModel model = EventModel.fromName(modelName).orElseThrow(() -> ApiException.badParameter("model",
                "Unknown model '" + modelName + "'; one of " + Arrays.stream(EventModel.values()).map(EventModel::wireName).toList() + "."));
        if (mode == Mode.ACTIVE && model != EventModel.BINARY) {
            throw ApiException.badParameter("model", "Active fetches hand out binary events as tasks; use /api/v2/event/"
                    + model.wireName() + "/passive.");
        }
        Query q = new Query(query);
        String name = q.required("name");
        String version = q.required("version");
        int count = Math.min(q.positiveInt("count", 1), limits.getMaxCount());
        long seconds = q.nonNegativeLong(limits.getDefaultTimeout().toSeconds(), "timeout", "deadline");
        Duration timeout = Duration.ofSeconds(seconds).compareTo(limits.getMaxTimeout()) > 0 ? limits.getMaxTimeout() : Duration.ofSeconds(seconds);

        boolean azul = query.keySet().stream().anyMatch(k -> k.equals("deadline") || k.startsWith("r-") || k.startsWith("d-"));
        Set<Stream> streams = streams(q, model);

        Long max = q.optionalSize("f-max-content-size", "r-under-content-size");
        Long min = q.optionalSize("f-min-content-size", "r-over-content-size");
        if (max != null && min != null && min > max) {
            throw ApiException.badParameter("f-min-content-size", "Minimum content size " + min
                    + " is larger than the maximum " + max + ".");
        }
        String jsonPath = q.single("filter");
        if (jsonPath != null) {
            try {
                JsonPath.compile(jsonPath);
            } catch (InvalidPathException | IllegalArgumentException e) {
                throw ApiException.badParameter("filter", "Not a valid JSONPath expression: " + e.getMessage());
            }
        }
        SortedSet<String> sources = q.list("r-source");
        if (!configuredSources.containsAll(sources)) {
            SortedSet<String> unknown = new TreeSet<>(sources);
            unknown.removeAll(configuredSources);
            throw ApiException.badParameter("r-source", "Unknown source(s) " + unknown + "; configured sources: "
                    + new TreeSet<>(configuredSources) + ".");
        }
        FilterSet filters = new FilterSet(
                q.bool(false, "requires-data", "r-content"), max, min,
                q.actions("f-allow-event-type", "r-action"), q.actions("f-deny-event-type", "d-action"),
                q.bool(false, "f-self", "d-self") ? name : null,
                q.dataTypes("f-data-type", "r-streams"), sources, jsonPath);
        return new FetchRequest(model, mode, name, version, count, timeout, streams, filters, azul);
    }

    /** With no {@code r-*} subscription flag: live and history (and expedite for binary), unless {@code ignore-historic}. */
    private static Set<Stream> streams(Query q, EventModel model) {
        boolean explicit = q.has("r-live") || q.has("r-historic") || q.has("r-expedite");
        Set<Stream> streams = EnumSet.noneOf(Stream.class);
        if (explicit) {
            if (q.bool(false, "r-live")) {
                streams.add(Stream.LIVE);
            }
            if (q.bool(false, "r-historic")) {
                streams.add(Stream.HISTORIC);
            }
            if (q.bool(false, "r-expedite") && model == EventModel.BINARY) {
                streams.add(Stream.EXPEDITE);
            }
        } else {
            streams.add(Stream.LIVE);
            if (!q.bool(false, "ignore-historic")) {
                streams.add(Stream.HISTORIC);
            }
            if (model == EventModel.BINARY) {
                streams.add(Stream.EXPEDITE);
            }
        }
        if (q.bool(false, "ignore-historic")) {
            streams.remove(Stream.HISTORIC);
        }
        if (streams.isEmpty()) {
            throw ApiException.badParameter("r-live", "No subscription left: set at least one of r-live, r-historic, r-expedite.");
        }
        return streams;
    }

    /** Typed access to the query; every failure names the parameter as the client spelled it. */
    private record Query(MultiValueMap<String, String> query) {

        boolean has(String name) {
            return query.containsKey(name);
        }

        /** The first present spelling, as the client wrote it. */
        private String spelling(String... names) {
            for (String n : names) {
                if (query.containsKey(n)) {
                    return n;
                }
            }
            return null;
        }

        String single(String... names) {
            String n = spelling(names);
            if (n == null) {
                return null;
            }
            List<String> values = query.get(n);
            return values == null || values.isEmpty() ? "" : values.getLast();
        }

        String required(String name) {
            String value = single(name);
            if (value == null || value.isBlank()) {
                throw ApiException.badParameter(name, "Query parameter '" + name + "' is required.");
            }
            return value;
        }

        int positiveInt(String name, int fallback) {
            String value = single(name);
            if (value == null) {
                return fallback;
            }
            try {
                int n = Integer.parseInt(value.trim());
                if (n >= 1) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw ApiException.badParameter(name, "'" + name + "' must be a whole number of at least 1, not '" + value + "'.");
        }

        long nonNegativeLong(long fallback, String... names) {
            String value = single(names);
            if (value == null) {
                return fallback;
            }
            try {
                long n = Long.parseLong(value.trim());
                if (n >= 0) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw ApiException.badParameter(spelling(names), "'" + spelling(names)
                    + "' must be a whole number of at least 0, not '" + value + "'.");
        }

        Long optionalSize(String... names) {
            return single(names) == null ? null : nonNegativeLong(0, names);
        }

        boolean bool(boolean fallback, String... names) {
            String value = single(names);
            if (value == null) {
                return fallback;
            }
            return switch (value.trim().toLowerCase()) {
                case "", "true", "1", "yes" -> true;
                case "false", "0", "no" -> false;
                default -> throw ApiException.badParameter(spelling(names),
                        "'" + spelling(names) + "' must be true or false, not '" + value + "'.");
            };
        }

        /** Repeated keys or comma lists, trimmed, empty items dropped. */
        SortedSet<String> list(String... names) {
            String n = spelling(names);
            SortedSet<String> items = new TreeSet<>();
            if (n != null) {
                for (String value : query.get(n)) {
                    Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(items::add);
                }
            }
            return items;
        }

        SortedSet<String> actions(String... names) {
            SortedSet<String> actions = list(names);
            Set<String> known = Arrays.stream(BinaryAction.values()).map(BinaryAction::wireName).collect(Collectors.toSet());
            for (String action : actions) {
                if (!known.contains(action)) {
                    throw ApiException.badParameter(spelling(names), "Unknown event type '" + action + "'; one of "
                            + Arrays.stream(BinaryAction.values()).map(BinaryAction::wireName).toList() + ".");
                }
            }
            return actions;
        }

        /** Each value is one group: a stream label, then file-format prefixes ({@code content,} = any format). */
        List<FilterSet.DataType> dataTypes(String... names) {
            String n = spelling(names);
            List<FilterSet.DataType> types = new ArrayList<>();
            if (n != null) {
                for (String value : query.get(n)) {
                    List<String> parts = Arrays.stream(value.split(",", -1)).map(String::trim).toList();
                    if (parts.getFirst().isEmpty()) {
                        throw ApiException.badParameter(n, "'" + n + "' starts with a stream label, as in 'content,executable/windows/'.");
                    }
                    types.add(new FilterSet.DataType(parts.getFirst(), parts.subList(1, parts.size())));
                }
            }
            return types;
        }
    }
}
