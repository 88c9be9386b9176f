// Calls to the JSON API; a failed call rejects with the server's error message.

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export function query(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== "" && value !== null && value !== undefined) search.set(key, value);
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}

export async function get(path, params = {}) {
  const response = await fetch(`/api${path}${query(params)}`, {
    headers: { Accept: "application/json" },
  });
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    const err = (body && body.error) || {};
    throw new ApiError(response.status, err.code || "error",
      err.message || `request failed with status ${response.status}`);
  }
  return body;
}

export const seg = (value) => encodeURIComponent(value);
