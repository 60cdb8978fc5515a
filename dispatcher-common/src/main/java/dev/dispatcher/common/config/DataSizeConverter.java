package dev.dispatcher.common.config;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.core.convert.converter.Converter;
import org.springframework.util.unit.DataSize;
import org.springframework.util.unit.DataUnit;

/**
 * Reads sizes the way operators of the dispatcher we replace write them: besides Spring's
 * {@code 10MB}, also {@code 10Mi}, {@code 10MiB}, {@code 512K}, {@code 2G} — all binary multiples,
 * as Spring's units are. A plain number is bytes.
 */
@ConfigurationPropertiesBinding
public class DataSizeConverter implements Converter<String, DataSize> {

    private static final Pattern SIZE = Pattern.compile("\\s*(\\d+)\\s*(?:([KMGT])(?:I?B?)?|(B))?\\s*");

    @Override
    public DataSize convert(String source) {
        Matcher m = SIZE.matcher(source.toUpperCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + source + "' is not a size; write e.g. 512K, 2Mi, 10MB or 1GB");
        }
        long amount = Long.parseLong(m.group(1));
        if (m.group(2) == null) {
            return DataSize.ofBytes(amount);
        }
        return DataSize.of(amount, switch (m.group(2)) {
            case "K" -> DataUnit.KILOBYTES;
            case "M" -> DataUnit.MEGABYTES;
            case "G" -> DataUnit.GIGABYTES;
            default -> DataUnit.TERABYTES;
        });
    }
}
