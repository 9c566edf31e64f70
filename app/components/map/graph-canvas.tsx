import { useEffect, useRef, useState } from "react";
import type { MapEdge, MapNode } from "~/domain/supply-map/map-view";
import { SEVERITY_COLOURS } from "~/domain/supply-map/legend";

/**
 * The interactive map, drawn by Cytoscape.js (loaded in the browser only, with a dynamic import, so
 * the server bundle never touches it). Layout: Cytoscape's built-in breadth-first layout (rows follow
 * tiers) for small views and its concentric layout (rings follow tiers) for large ones; zoom/pan with
 * the mouse or trackpad; clicking a node reports it to `onSelect`.
 */
export function GraphCanvas({
  nodes,
  edges,
  onSelect,
}: {
  nodes: readonly MapNode[];
  edges: readonly MapEdge[];
  onSelect: (id: string | null) => void;
}) {
  const container = useRef<HTMLDivElement>(null);
  const [status, setStatus] = useState<"loading" | "ready" | "failed">("loading");
  const selectRef = useRef(onSelect);
  selectRef.current = onSelect;

  useEffect(() => {
    let destroyed = false;
    let instance: { destroy: () => void } | null = null;
    (async () => {
      try {
        const { default: cytoscape } = await import("cytoscape");
        if (destroyed || !container.current) return;
        // Roots: the services, plus suppliers nothing in the view leads to (vendors no service lists, or the start of a supplier view).
        const targets = new Set(edges.map((e) => e.target));
        const roots = nodes.filter((n) => n.kind === "service" || !targets.has(n.id)).map((n) => n.id);
        const large = nodes.length > 150;
        const deepest = Math.max(...nodes.map((n) => n.tier));
        const cy = cytoscape({
          container: container.current,
          elements: [
            ...nodes.map((n) => ({
              data: {
                id: n.id,
                label: n.name.length > 28 ? `${n.name.slice(0, 27)}…` : n.name,
                colour: n.kind === "service" ? SEVERITY_COLOURS.service : SEVERITY_COLOURS[n.worstSeverity ?? "none"],
                kind: n.kind,
                tier: n.tier,
              },
              classes: [n.kind, n.inCycle ? "cycle" : "", n.context ? "context" : "", n.isVendor ? "vendor" : ""].filter(Boolean).join(" "),
            })),
            ...edges.map((e) => ({
              data: { id: `e:${e.id}`, source: e.source, target: e.target },
              classes: [e.inCycle ? "cycle" : "", e.declaredBy === "vendor" ? "vendor-declared" : "", e.singleSource ? "single" : ""]
                .filter(Boolean)
                .join(" "),
            })),
          ],
          style: [
            {
              selector: "node",
              style: {
                "background-color": "data(colour)",
                label: "data(label)",
                "font-size": 9,
                // Labels disappear when zoomed out too far to read them, so large maps stay legible.
                "min-zoomed-font-size": 7,
                "text-wrap": "ellipsis",
                "text-max-width": "90px",
                "text-valign": "bottom",
                "text-margin-y": 3,
                width: 18,
                height: 18,
                "border-width": 1,
                "border-color": "#333",
              },
            },
            { selector: "node.service", style: { shape: "round-rectangle", width: 28, height: 18, "font-weight": "bold" } },
            { selector: "node.vendor", style: { shape: "diamond" } },
            { selector: "node.cycle", style: { "border-width": 3, "border-color": "#7b1fa2", "border-style": "double" } },
            { selector: "node.context", style: { opacity: 0.45 } },
            { selector: "node:selected", style: { "border-width": 4, "border-color": "#000" } },
            {
              selector: "edge",
              style: {
                width: 1,
                "line-color": "#9aa5b1",
                "target-arrow-color": "#9aa5b1",
                "target-arrow-shape": "triangle",
                "arrow-scale": 0.6,
                "curve-style": "bezier",
              },
            },
            { selector: "edge.cycle", style: { "line-color": "#7b1fa2", "target-arrow-color": "#7b1fa2", width: 2 } },
            { selector: "edge.vendor-declared", style: { "line-style": "dashed" } },
            { selector: "edge.single", style: { width: 2 } },
          ],
          // Small views: tiers as rows (breadth-first from the services). Large views: tiers as rings
          // (services at the centre), which keeps 500+ nodes within the screen's proportions.
          layout: large
            ? {
                name: "concentric",
                concentric: (node: { data: (key: string) => unknown }) => deepest - Number(node.data("tier")),
                levelWidth: () => 1,
                minNodeSpacing: 4,
                avoidOverlap: true,
                animate: false,
              }
            : {
                name: "breadthfirst",
                directed: true,
                roots: roots.length ? roots : [nodes[0]!.id],
                spacingFactor: 1.2,
                avoidOverlap: true,
                animate: false,
              },
          minZoom: 0.05,
          maxZoom: 4,
          textureOnViewport: nodes.length > 300,
          hideEdgesOnViewport: nodes.length > 800,
        });
        cy.on("tap", "node", (event) => selectRef.current(event.target.id() as string));
        cy.on("tap", (event) => {
          if (event.target === cy) selectRef.current(null);
        });
        instance = cy;
        setStatus("ready");
      } catch (error) {
        console.error(error);
        if (!destroyed) setStatus("failed");
      }
    })();
    return () => {
      destroyed = true;
      instance?.destroy();
    };
  }, [nodes, edges]);

  return (
    <div className="map-canvas-wrap">
      {status === "loading" ? <p role="status">Drawing the map…</p> : null}
      {status === "failed" ? (
        <p className="alert error" role="alert">
          The map could not be drawn in this browser. Use the table view.
        </p>
      ) : null}
      <div
        ref={container}
        className="map-canvas"
        data-testid="map-canvas"
        data-status={status}
        aria-hidden="true"
        style={{ width: "100%", height: "70vh", minHeight: 420, border: "1px solid #d0d7de", borderRadius: 6, background: "#fff" }}
      />
    </div>
  );
}
