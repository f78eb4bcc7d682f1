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

    public LookupPages(CatalogHolder holder) {
        this.holder = holder;
    }

    /** The form, pre-filled from the same query as /plan (a link can carry a chip, say). */
    @GET
    public Response lookup(@QueryParam("chip") String chip, @QueryParam("fus") String fus,
                           @QueryParam("stack") String stack, @QueryParam("target") String target,
                           @QueryParam("release") String release, @QueryParam("interface") String iface) {
        LookupForm form = new LookupForm(chip, fus, stack, target, release, iface).clipped();
        return Html.page(200, Templates.lookup(form, FormChoices.of(holder.catalog()), null).render());
    }

    @GET
    @Path("plan")
    public Response plan(@QueryParam("chip") String chip, @QueryParam("fus") String fus,
                         @QueryParam("stack") String stack, @QueryParam("target") String target,
                         @QueryParam("release") String release, @QueryParam("interface") String iface) {
        LookupForm form = new LookupForm(chip, fus, stack, target, release, iface);
        Catalog catalog = holder.catalog();
        FormChoices choices = FormChoices.of(catalog);
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
            return refused(form, choices, new PlanProblem(ProblemMappers.status(e.reason()),
                    title(ProblemMappers.status(e.reason())), e.getMessage(),
                    alternatives(e.available(), form, catalog)));
        }
        return Html.page(200, Templates.plan(form, choices, PlanView.of(plan, form)).render());
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
