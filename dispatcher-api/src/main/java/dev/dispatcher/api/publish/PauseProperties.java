package dev.dispatcher.api.publish;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Plugin pauses requested with {@code pause_plugins=true} on publish. Only recorded here (a control
 * record); the active-fetch side that honours them reads the same setting.
 */
@ConfigurationProperties("dispatcher.pause")
public class PauseProperties {

    /** How long a {@code pause_plugins=true} publish pauses task delivery to plugins. */
    private Duration duration = Duration.ofMinutes(10);

    public Duration getDuration() {
        return duration;
    }

    public void setDuration(Duration duration) {
        this.duration = duration;
    }
}
