package dev.dispatcher.common.topic;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns an unusable topic setting into one clear startup message instead of a stack trace. */
class TopicConfigFailureAnalyzer extends AbstractFailureAnalyzer<TopicConfigException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, TopicConfigException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Correct " + cause.setting() + " (see docs/configuration.md) and start again.", cause);
    }
}
