package io.inetty.server;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Per-binding options, immutable: typed values under {@link Key}s that features define (TLS, PROXY), the
 * way Netty's {@code ChannelOption}s are. The engine reads only {@link #LABEL} and {@link #SOCKETS}; a feature's
 * {@link PipelineContributor} reads its own keys from the binding's {@link Endpoint}.
 */
public final class BindingOptions {
    /** No option: a plain binding. */
    public static final BindingOptions NONE = new BindingOptions(Map.of());

    /**
     * The name shown for the binding in place of its transport ({@code listening echo tls 127.0.0.1:10443}).
     * Bindings of one service with the same label share an ephemeral port.
     */
    public static final Key<String> LABEL = Key.of("label", String.class);

    /**
     * Sockets opened by another process (e.g. a service manager's socket activation) that the binding serves
     * instead of binding its own; the binding's port is then read from them (give port 0).
     */
    public static final Key<InheritedSockets> SOCKETS = Key.of("sockets", InheritedSockets.class);

    private final Map<Key<?>, Object> values;

    private BindingOptions(Map<Key<?>, Object> values) {
        this.values = values;
    }

    /** The value of {@code key}, or null. */
    public <T> T get(Key<T> key) {
        return key.type.cast(values.get(requireNonNull(key, "key")));
    }

    /** Whether {@code key} has a value. */
    public boolean has(Key<?> key) {
        return values.containsKey(requireNonNull(key, "key"));
    }

    /** These options with {@code key} set to {@code value}. */
    public <T> BindingOptions with(Key<T> key, T value) {
        requireNonNull(key, "key");
        Map<Key<?>, Object> copy = new LinkedHashMap<>(values);
        copy.put(key, key.type.cast(requireNonNull(value, "value")));
        return new BindingOptions(Collections.unmodifiableMap(copy));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BindingOptions && ((BindingOptions) o).values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }

    /** The key of one option (compared by identity, like Netty's {@code ChannelOption}). */
    public static final class Key<T> {
        private final String name;
        private final Class<T> type;

        private Key(String name, Class<T> type) {
            this.name = name;
            this.type = type;
        }

        /** A new key; define it once, as a constant. */
        public static <T> Key<T> of(String name, Class<T> type) {
            return new Key<>(requireNonNull(name, "name"), requireNonNull(type, "type"));
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
