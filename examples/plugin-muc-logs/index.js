import { definePlugin } from 'privacy-lint';
import publicRoomLogs from './rules/public-room-logs.js';

/** Room logs published on the web: a promise privacy-lint's built-in claims do not cover. */
export default definePlugin({
  name: 'muc-logs',
  claims: {
    'groupchat.publicLogs': {
      type: 'boolean',
      description: 'Whether group chat logs are published on the web (readable without joining the room).',
    },
  },
  rules: [publicRoomLogs],
});
