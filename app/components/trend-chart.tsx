import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts";

export interface TrendPoint {
  day: string;
  servicesMeetingRto?: number;
  servicesRtoGap?: number;
  servicesBeyondMtpd?: number;
  criticalFindings?: number;
  highFindings?: number;
}

const SERIES = [
  { key: "servicesMeetingRto", label: "Services meeting RTO", color: "#116329" },
  { key: "servicesRtoGap", label: "Services with an RTO gap", color: "#9a6700" },
  { key: "servicesBeyondMtpd", label: "Services beyond MTPD", color: "#a40e26" },
  { key: "highFindings", label: "High findings", color: "#0b5cad" },
] as const;

/** Daily key figures as a line chart (recharts, SVG) with the same numbers as a table for screen readers. */
export function TrendChart({ points }: { points: TrendPoint[] }) {
  if (points.length < 2) {
    return <p className="muted">The trend appears once results from two or more days exist (one snapshot per day).</p>;
  }
  return (
    <figure style={{ margin: 0 }}>
      <div aria-hidden="true">
        <LineChart width={640} height={240} data={points} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="day" fontSize={12} />
          <YAxis allowDecimals={false} fontSize={12} />
          <Tooltip />
          <Legend />
          {SERIES.map((s) => (
            <Line key={s.key} type="monotone" dataKey={s.key} name={s.label} stroke={s.color} dot={false} isAnimationActive={false} />
          ))}
        </LineChart>
      </div>
      <details>
        <summary>Show the figures as a table</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">Day</th>
              {SERIES.map((s) => (
                <th key={s.key} scope="col" className="num">
                  {s.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {points.map((p) => (
              <tr key={p.day}>
                <td>{p.day}</td>
                {SERIES.map((s) => (
                  <td key={s.key} className="num">
                    {p[s.key] ?? "—"}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
