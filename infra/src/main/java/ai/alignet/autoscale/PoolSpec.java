package ai.alignet.autoscale;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code --pool} argument: {@code queue=deployment} or {@code queue=deployment:min:max}, for example
 * {@code alignet-gpu-h100=worker-gpu-h100:0:8}. Min and max fall back to the command's defaults.
 */
record PoolSpec(String taskQueue, String deployment, Integer min, Integer max) {

    private static final Pattern FORM = Pattern.compile("([A-Za-z0-9._-]+)=([a-z0-9.-]+)(?::(\\d+):(\\d+))?");

    static PoolSpec parse(String text) {
        Matcher m = FORM.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("--pool '" + text + "' is not queue=deployment[:min:max]; for example "
                    + "alignet-gpu=worker-gpu or alignet-gpu-h100=worker-gpu-h100:0:8");
        }
        Integer min = m.group(3) == null ? null : Integer.valueOf(m.group(3));
        Integer max = m.group(4) == null ? null : Integer.valueOf(m.group(4));
        return new PoolSpec(m.group(1), m.group(2), min, max);
    }
}
