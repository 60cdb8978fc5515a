package dev.dispatcher.api.task;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Active tasks: how long a plugin has to answer, how often a task is handed out, and the deadline watcher. */
@ConfigurationProperties("dispatcher.tasks")
public class TaskProperties {

    /** How long a plugin has for a task before it is handed out again; a heartbeat starts it anew. */
    private Duration deadline = Duration.ofMinutes(30);

    /** How many times a task is handed out before the dispatcher ends it with an {@code error-timeout} status. */
    private int maxAttempts = 3;

    /** How often the deadline watcher looks for tasks past their deadline. */
    private Duration checkInterval = Duration.ofSeconds(1);

    /**
     * How long a replica that died without a clean stop keeps its share of the deadline watcher before
     * another replica takes it over (the watcher group's session timeout; the broker's
     * {@code group.min.session.timeout.ms} is the lower bound, 6 s by default).
     */
    private Duration watcherSessionTimeout = Duration.ofSeconds(10);

    public Duration getDeadline() {
        return deadline;
    }

    public void setDeadline(Duration deadline) {
        this.deadline = deadline;
    }

    public int getMaxAttempts() {
        return maxAttempts;
    }

    public void setMaxAttempts(int maxAttempts) {
        this.maxAttempts = maxAttempts;
    }

    public Duration getCheckInterval() {
        return checkInterval;
    }

    public void setCheckInterval(Duration checkInterval) {
        this.checkInterval = checkInterval;
    }

    public Duration getWatcherSessionTimeout() {
        return watcherSessionTimeout;
    }

    public void setWatcherSessionTimeout(Duration watcherSessionTimeout) {
        this.watcherSessionTimeout = watcherSessionTimeout;
    }
}
