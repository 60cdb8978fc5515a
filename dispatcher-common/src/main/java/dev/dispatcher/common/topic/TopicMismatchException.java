package dev.dispatcher.common.topic;

import java.util.List;
import java.util.stream.Collectors;

/** Topics differ from the plan in ways the reconciler does not change, and mismatches are not tolerated. */
public class TopicMismatchException extends RuntimeException {

    public TopicMismatchException(List<TopicReconciler.Mismatch> mismatches) {
        super("Refusing to start: " + mismatches.stream().map(Object::toString).collect(Collectors.joining("; ")));
    }
}
