package dev.inlet.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/** Prints two runs' summaries side by side with their ratio: {@code Compare inlet.txt nginx.txt}. */
public final class Compare {

    private Compare() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: Compare <first summary file> <second summary file>");
            System.exit(2);
        }
        Summary first = Summary.parse(Files.readString(Path.of(args[0])));
        Summary second = Summary.parse(Files.readString(Path.of(args[1])));
        String firstName = first.values().getOrDefault("server", "first");
        String secondName = second.values().getOrDefault("server", "second");
        Set<String> keys = new LinkedHashSet<>(first.values().keySet());
        keys.addAll(second.values().keySet());
        keys.remove("server");
        System.out.printf(Locale.ROOT, "%-28s %16s %16s %12s%n", "figure", firstName, secondName,
                firstName + "/" + secondName);
        for (String key : keys) {
            String a = first.values().getOrDefault(key, "-");
            String b = second.values().getOrDefault(key, "-");
            System.out.printf(Locale.ROOT, "%-28s %16s %16s %12s%n", key, shorten(a), shorten(b), ratio(a, b));
        }
    }

    private static String ratio(String a, String b) {
        try {
            double x = Double.parseDouble(a);
            double y = Double.parseDouble(b);
            return y == 0 || Double.isNaN(x) || Double.isNaN(y) ? "-" : String.format(Locale.ROOT, "%.2f", x / y);
        } catch (NumberFormatException notNumeric) {
            return "";
        }
    }

    private static String shorten(String value) {
        return value.length() <= 16 ? value : value.substring(0, 15) + "…";
    }
}
