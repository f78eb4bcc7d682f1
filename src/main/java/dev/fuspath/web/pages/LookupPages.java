package dev.fuspath.web.pages;

import dev.fuspath.catalog.Catalog;
import dev.fuspath.planner.ChipRules;
import dev.fuspath.planner.Plan;
import dev.fuspath.planner.PlanException;
import dev.fuspath.app.CatalogHolder;
import dev.fuspath.web.ProblemMappers;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;

/** {@code /}: the lookup form; {@code /plan}: the plan it asks for, at a URL that can be shared. */
@Path("/")
public class LookupPages {

    private final CatalogHolder holder;
    private final dev.fuspath.web.ServedMirror mirror;

    public LookupPages(CatalogHolder holder, dev.fuspath.web.ServedMirror mirror) {
        this.holder = holder;
        this.mirror = mirror;
    }

    /** The form, pre-filled from the same query as /plan (a link can carry a chip, say). */
    @GET
    public Response lookup(@QueryParam("chip") String chip, @QueryParam("fus") String fus,
                           @QueryParam("stack") String stack, @QueryParam("target") String target,
                           @QueryParam("release") String release, @QueryParam("interface") String iface) {
        LookupForm form = new LookupForm(chip, fus, stack, target, release, iface).clipped();
        return Html.page(200, Templates.lookup(form, FormChoices.of(holder.catalog())
                .forLookup(holder.catalog(), form.chip(), form.release()), null).render());
    }

    @GET
    @Path("plan")
    public Response plan(@QueryParam("chip") String chip, @QueryParam("fus") String fus,
                         @QueryParam("stack") String stack, @QueryParam("target") String target,
                         @QueryParam("release") String release, @QueryParam("interface") String iface) {
        LookupForm form = new LookupForm(chip, fus, stack, target, release, iface);
        Catalog catalog = holder.catalog();
        FormChoices choices = FormChoices.of(catalog).forLookup(catalog, form.chip(), form.release());
        List<String> tooLong = form.tooLong();
        if (!tooLong.isEmpty()) {
            return refused(form.clipped(), choices, new PlanProblem(400, "Check the lookup",
                    String.join("; ", tooLong) + ".", List.of()));
        }
        if (form.blank()) {
            return refused(form, choices, new PlanProblem(400, "Fill in the lookup",
                    "Give at least the chip and the FUS version it runs.", List.of()));
        }
        Plan plan;
        try {
            plan = holder.planner().plan(form.request());
        } catch (PlanException e) {
            List<PlanProblem.Alternative> alternatives = alternatives(e.available(), form, catalog);
            return refused(form, choices, new PlanProblem(ProblemMappers.status(e.reason()),
                    title(ProblemMappers.status(e.reason())), listedOnce(e.getMessage(), e.available()),
                    alternatives));
        }
        return Html.page(200, Templates.plan(form, choices,
                PlanView.of(plan, form, mirror.dir().isPresent())).render());
    }

    /**
     * The planner's message names what exists instead ("...; available: A, B, C"), for the API and the command
     * line; the page lists the same values below it, each a link, so the message says where they are instead of
     * listing them a second time.
     */
    static String listedOnce(String message, List<String> available) {
        if (available == null || available.isEmpty()) {
            return message;
        }
        String list = String.join(", ", available);
        int at = message.indexOf(list);
        if (at < 0) {
            return message;
        }
        String before = message.substring(0, at).stripTrailing();
        if (before.endsWith(":")) {
            before = before.substring(0, before.length() - 1);
        }
        return before + " (listed below)" + message.substring(at + list.length());
    }

    private static Response refused(LookupForm form, FormChoices choices, PlanProblem problem) {
        return Html.page(problem.status(), Templates.lookup(form, choices, problem).render());
    }

    private static String title(int status) {
        return switch (status) {
            case 400 -> "Check the lookup";
            case 404 -> "Not in the catalog";
            default -> "No such plan";
        };
    }

    /** Each value the planner lists as available, with the lookup that tries it in place of what was asked. */
    static List<PlanProblem.Alternative> alternatives(List<String> available, LookupForm form, Catalog catalog) {
        List<PlanProblem.Alternative> list = new ArrayList<>();
        for (String value : available) {
            String field = ChipRules.bundled().find(value).isPresent() ? "chip"
                    : catalog.release(value).isPresent() ? "release"
                    : dev.fuspath.programmer.InterfaceKind.ofOption(value).isPresent() ? "interface"
                    : value.matches("[A-Za-z][A-Za-z0-9_.]*") && !form.target().isEmpty() ? "target"
                    : null;
            list.add(new PlanProblem.Alternative(value, field == null ? null : form.with(field, value).query()));
        }
        return List.copyOf(list);
    }
}
