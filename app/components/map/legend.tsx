import { SEVERITY_COLOURS, SEVERITY_LEGEND } from "~/domain/supply-map/legend";

/** The map legend: every colour is also said in words, and shapes/lines are explained. */
export function MapLegend() {
  return (
    <ul className="map-legend" aria-label="Legend" style={{ display: "flex", flexWrap: "wrap", gap: ".75rem", listStyle: "none", padding: 0 }}>
      {SEVERITY_LEGEND.map((item) => (
        <li key={item.key}>
          <span
            aria-hidden="true"
            style={{
              display: "inline-block",
              width: 12,
              height: 12,
              borderRadius: item.key === "service" ? 2 : 6,
              background: SEVERITY_COLOURS[item.key],
              border: "1px solid #333",
              marginRight: 4,
              verticalAlign: "middle",
            }}
          />
          {item.label}
        </li>
      ))}
      <li>◆ Vendor (tier 1)</li>
      <li>Purple double border / line: in a dependency cycle</li>
      <li>Dashed line: declared by vendor</li>
      <li>Thick line: single source</li>
      <li>Faded: shown only because it leads to a filtered match</li>
    </ul>
  );
}
