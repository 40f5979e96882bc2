package eg3d.gen;

import java.util.ArrayList;
import java.util.List;

/** Seed lists as the official scripts write them: {@code 0-3,7} is 0, 1, 2, 3, 7. */
public final class Seeds {
    private Seeds() {}

    public static List<Long> parse(String spec) {
        List<Long> out = new ArrayList<>();
        for (String part : spec.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            try {
                int dash = p.indexOf('-', 1);
                if (dash > 0) {
                    long a = Long.parseLong(p.substring(0, dash).trim()), b = Long.parseLong(p.substring(dash + 1).trim());
                    if (b < a) {
                        throw new IllegalArgumentException("--seeds: range '" + p + "' runs backwards; write it as " + b + "-" + a);
                    }
                    for (long s = a; s <= b; s++) {
                        out.add(check(s));
                    }
                } else {
                    out.add(check(Long.parseLong(p)));
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--seeds: '" + p + "' is not a seed or a range like 0-3");
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("--seeds: no seeds in '" + spec + "'; give e.g. 0-3,7");
        }
        return out;
    }

    private static long check(long s) {
        if (s < 0 || s > 0xffffffffL) {
            throw new IllegalArgumentException("--seeds: " + s + " is outside 0 … 4294967295");
        }
        return s;
    }
}
