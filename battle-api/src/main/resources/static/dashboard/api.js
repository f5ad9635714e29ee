// The one way the dashboard talks to the server: JSON over /api/v1 with the account's JWT.
// The JWT lives in this tab's sessionStorage only (gone when the tab closes; never a cookie or
// localStorage), and every error answer becomes an ApiError carrying the server's own message.

const TOKEN = 'battles.jwt';
const BASE = '/api/v1';

export class ApiError extends Error {
  constructor(status, code, message, details) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details ?? {};
  }
}

export const session = {
  token: () => sessionStorage.getItem(TOKEN),
  signedIn: () => sessionStorage.getItem(TOKEN) !== null,
  signOut: () => sessionStorage.removeItem(TOKEN),
};

export async function signIn(apiKey, apiSecret) {
  const answer = await request('POST', '/auth/login', {api_key: apiKey, api_secret: apiSecret}, false);
  sessionStorage.setItem(TOKEN, answer.token);
  return answer;
}

export const api = {
  get: (path) => request('GET', path),
  post: (path, body) => request('POST', path, body),
  put: (path, body) => request('PUT', path, body),
  delete: (path) => request('DELETE', path),
  text: (path) => request('GET', path, undefined, true, 'text'),
};

async function request(method, path, body, authenticated = true, as = 'json') {
  const headers = {Accept: as === 'json' ? 'application/json' : 'text/markdown, application/json'};
  if (authenticated && session.token()) headers.Authorization = `Bearer ${session.token()}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(BASE + path, {method, headers, body: body === undefined ? undefined : JSON.stringify(body)});
  } catch (e) {
    throw new ApiError(0, 'NETWORK_ERROR', `the server cannot be reached (${e.message})`);
  }
  if (response.status === 204) return null;
  const text = await response.text();
  if (!response.ok) throw errorOf(response.status, text);
  if (as === 'text') return text;
  try {
    return text === '' ? null : JSON.parse(text);
  } catch {
    throw new ApiError(response.status, 'INVALID_RESPONSE', `the server answered ${method} ${path} with something that is not JSON`);
  }
}

function errorOf(status, text) {
  try {
    const error = JSON.parse(text).error;
    if (error && error.message) return new ApiError(status, error.code, error.message, error.details);
  } catch {
    // not the JSON envelope: fall through to a message naming the status
  }
  return new ApiError(status, 'HTTP_' + status, `the server answered ${status}`);
}
