package dev.dispatcher.common.topic;

/** A topic setting that cannot be used; names the setting and the offending value. */
public class TopicConfigException extends RuntimeException {

    private final String setting;
    private final String value;

    public TopicConfigException(String setting, String value, String problem) {
        super("Invalid " + setting + " = " + abbreviate(value) + ": " + problem.replaceAll("\\s*\\R\\s*", " "));
        this.setting = setting;
        this.value = value;
    }

    /** The setting at fault, as an operator writes it (environment name where one exists). */
    public String setting() {
        return setting;
    }

    /** The value at fault. */
    public String value() {
        return value;
    }

    private static String abbreviate(String value) {
        String oneLine = value.replace("\n", "\\n");
        return "'" + (oneLine.length() > 200 ? oneLine.substring(0, 200) + "…" : oneLine) + "'";
    }
}
