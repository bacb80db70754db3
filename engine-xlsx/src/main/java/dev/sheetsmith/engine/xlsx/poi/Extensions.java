package dev.sheetsmith.engine.xlsx.poi;

import java.util.Map;

/** The sheet extensions (extLst) Excel writes that POI does not model, named for people. */
public final class Extensions {

    /** Extensions Excel keeps in a sheet's extLst that POI does not model, by their registered URI. */
    public static final Map<String, String> BY_URI = Map.of(
            "{05C60535-1F16-4fd2-B633-F4F36F0B64E0}", "sparklines",
            "{78C0D931-6437-407d-A8EE-F0AAD7539E65}", "Excel 2010 conditional formats",
            "{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}", "Excel 2010 data validations",
            "{A8765BA9-456A-4dab-B4F3-ACF838C121DE}", "slicers",
            "{3A4CF648-6AED-40f4-86FF-DC5316D8AED3}", "table slicers",
            "{7E03D99C-DC04-49d9-9315-930204A7B6E9}", "timelines",
            "{962EF5D1-5CA2-4c93-8EF4-DBF5C05439D2}", "pivot options");

    private Extensions() {
    }
}
