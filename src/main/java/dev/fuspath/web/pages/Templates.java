package dev.fuspath.web.pages;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** The pages' templates, src/main/resources/templates/pages/NAME.html; Qute checks their expressions at build time. */
@CheckedTemplate(basePath = "pages")
final class Templates {

    private Templates() {
    }

    static native TemplateInstance lookup(LookupForm form, FormChoices choices, PlanProblem problem);

    static native TemplateInstance plan(LookupForm form, FormChoices choices, PlanView plan);

    static native TemplateInstance releases(ReleasesView view);

    static native TemplateInstance release(ReleaseView view);

    static native TemplateInstance inspect(InspectView view);

    static native TemplateInstance diagnose(DiagnoseView view, FormChoices choices);

    static native TemplateInstance error(ErrorView error);

    static native TemplateInstance line(LineView view);

    static native TemplateInstance line$summary(LineView view);

    static native TemplateInstance line$stations(LineView view);

    static native TemplateInstance line$plot(LineView view);
}
