package io.inetty.cli.options;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationConverterTest {
    private final DurationConverter converter = new DurationConverter();

    @Test
    void units() {
        assertThat(converter.convert("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(converter.convert("5s")).isEqualTo(Duration.ofSeconds(5));
        assertThat(converter.convert("5")).isEqualTo(Duration.ofSeconds(5));
        assertThat(converter.convert("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(converter.convert("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(converter.convert("PT1.5S")).isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void rejectsGarbageAndNegative() {
        assertThatThrownBy(() -> converter.convert("soon")).hasMessageContaining("expected: a duration like 500ms");
        assertThatThrownBy(() -> converter.convert("PT-1S")).hasMessageContaining("expected: a duration >= 0");
    }
}
