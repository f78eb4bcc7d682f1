package dev.fuspath.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fuspath.planner.Chip;
import dev.fuspath.planner.ChipRules;
import dev.fuspath.planner.PlanException;
import dev.fuspath.planner.Planner;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class PlanResource {

    private final ServedPlans plans;
    private final ObjectMapper json;
    private final ServedMirror mirror;

    public PlanResource(ServedPlans plans, ObjectMapper json, ServedMirror mirror) {
        this.plans = plans;
        this.json = json;
        this.mirror = mirror;
    }

    @GET
    @Path("/chips")
    public List<Chip> chips() {
        return ChipRules.bundled().chips();
    }

    @GET
    @Path("/chips/{part}")
    public Chip chip(@PathParam("part") @Size(max = 40, message = "must be at most 40 characters") String part) {
        try {
            return ChipRules.bundled().resolve(part);
        } catch (PlanException e) {
            throw ProblemMappers.of(e);
        }
    }

    @GET
    @Path("/plan")
    public Response plan(
            @QueryParam("chip") @NotBlank(message = "is required: a part number such as STM32WB55RG")
            @Size(max = 40, message = "must be at most 40 characters") String chip,
            @QueryParam("fus") @NotBlank(message = "is required: a version such as 1.2.0 or the word read at 0x20030030 such as 01020000, or several separated by commas")
            @Size(max = 200, message = "must be at most 200 characters") String fus,
            @QueryParam("stack") @Size(max = 100, message = "must be at most 100 characters") String stack,
            @QueryParam("target") @Size(max = 100, message = "must be at most 100 characters") String target,
            @QueryParam("release") @Pattern(regexp = "[vV]?\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}", message = CatalogResource.TAG_MESSAGE)
            String release,
            @QueryParam("interface") String iface,
            @QueryParam("fusOnly") @Pattern(regexp = "(?i)true|false", message = "must be true or false")
            String fusOnly,
            @QueryParam("antiRollback") @Pattern(regexp = "(?i)true|false", message = "must be true or false")
            String antiRollback,
            @QueryParam("deleteStack") @Pattern(regexp = "(?i)true|false", message = "must be true or false")
            String deleteStack,
            @HeaderParam("If-None-Match") String ifNoneMatch) {
        RenderedPlans.Rendered plan;
        try {
            plan = plans.current().get(new Planner.Request(chip, fus, stack, target, release, iface,
                    Boolean.parseBoolean(fusOnly), Boolean.parseBoolean(antiRollback),
                    Boolean.parseBoolean(deleteStack)), json, mirror.dir().isPresent());
        } catch (PlanException e) {
            throw ProblemMappers.of(e);
        }
        EntityTag etag = new EntityTag(plan.id());
        if (ifNoneMatch != null && (ifNoneMatch.contains("\"" + plan.id() + "\"") || ifNoneMatch.strip().equals("*"))) {
            return Response.notModified(etag).build();
        }
        return Response.ok(plan.json(), MediaType.APPLICATION_JSON_TYPE).tag(etag).build();
    }

}
