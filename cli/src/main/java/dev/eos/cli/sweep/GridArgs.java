package dev.eos.cli.sweep;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Stack;
import picocli.CommandLine.IParameterPreprocessor;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Lets any eos run option of {@code eos sweep plan} take a grid directly: before parsing, {@code --KEY EXPR} (or
 * {@code --KEY=EXPR}) whose EXPR is a grid ({@link GridAxis#isGrid}) becomes {@code --grid KEY=EXPR}, and
 * {@code --seeds S} becomes {@code --grid seed=S}. Order is kept: the first axis given is the outermost loop.
 */
public final class GridArgs implements IParameterPreprocessor {

    @Override
    public boolean preprocess(Stack<String> args, CommandSpec spec, ArgSpec argSpec, Map<String, Object> info) {
        List<String> inOrder = new ArrayList<>(args);
        Collections.reverse(inOrder); // the top of the stack is the next argument
        List<String> out = rewrite(inOrder, spec);
        Collections.reverse(out);
        args.clear();
        args.addAll(out);
        return false; // picocli parses the rewritten arguments as usual
    }

    /** The arguments with grid values turned into --grid options. */
    static List<String> rewrite(List<String> args, CommandSpec spec) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--")) {
                out.addAll(args.subList(i, args.size()));
                break;
            }
            if (!a.startsWith("--")) {
                out.add(a);
                continue;
            }
            int eq = a.indexOf('=');
            String name = eq < 0 ? a : a.substring(0, eq);
            String attached = eq < 0 ? null : a.substring(eq + 1);
            String value = attached != null ? attached : i + 1 < args.size() ? args.get(i + 1) : null;
            if (name.equals("--seeds") && value != null) {
                out.add("--grid");
                out.add("seed=" + value);
                i += attached == null ? 1 : 0;
                continue;
            }
            OptionSpec opt = spec.findOption(name);
            if (value != null && opt != null && PlanCommand.isRunOption(spec, name.substring(2))) {
                ValueKind kind = ValueKind.of(opt);
                if (kind != ValueKind.BOOLEAN && GridAxis.isGrid(value, kind)) {
                    out.add("--grid");
                    out.add(name.substring(2) + "=" + value);
                    i += attached == null ? 1 : 0;
                    continue;
                }
            }
            out.add(a);
        }
        return out;
    }
}
