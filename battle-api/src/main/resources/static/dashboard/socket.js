// Follows one battle over /ws/v1: the browser cannot set headers on a WebSocket, so the JWT goes
// in ?token= (WebSocketAuthentication). Reconnects after a drop, with a growing pause.

import {session} from './api.js';

export function followBattle(battleId, handlers) {
  let socket = null;
  let closed = false;
  let retry = 1000;

  const connect = () => {
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    socket = new WebSocket(`${scheme}://${location.host}/ws/v1?token=${encodeURIComponent(session.token() ?? '')}`);
    socket.addEventListener('open', () => {
      retry = 1000;
      socket.send(JSON.stringify({action: 'subscribe', channel: 'battle', battle_id: battleId}));
    });
    socket.addEventListener('message', (event) => {
      let message;
      try {
        message = JSON.parse(event.data);
      } catch {
        return;
      }
      if (message.type === 'subscribed') handlers.onConnected?.();
      else if (message.type === 'error') handlers.onError?.(message.data ?? {});
      else if (message.channel === 'battle' && message.data?.battle_id === battleId) handlers.onMessage(message.type, message.data);
    });
    socket.addEventListener('close', () => {
      handlers.onDisconnected?.();
      if (!closed) setTimeout(connect, retry = Math.min(retry * 2, 15000));
    });
  };
  connect();
  return {close: () => { closed = true; socket?.close(); }};
}
