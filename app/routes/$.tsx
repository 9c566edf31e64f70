/** Any unknown address renders the root error boundary's 404 page. */
export function loader() {
  throw new Response("Not found", { status: 404 });
}

export default function NotFound() {
  return null;
}
