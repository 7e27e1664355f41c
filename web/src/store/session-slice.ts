// Session: the connection, the server's session state and limits, projects, notices.
import type { SessionSlice, SliceCreator } from "./types.ts";

const noticesShownMax = 5;
let noticeSeq = 0;

export const createSessionSlice: SliceCreator<SessionSlice> = (set) => ({
  connection: "connecting",
  token: null,
  server: null,
  limits: {},
  projects: [],
  projectId: null,
  projectName: "Untitled project",
  notices: [],
  setConnection: (connection) => set({ connection }),
  welcome: (token, limits, server) => set({ token, limits, server, connection: "open" }),
  setServerState: (server) => set({ server }),
  setProjects: (projects) => set({ projects }),
  setProject: (projectId, projectName) => set({ projectId, projectName }),
  notify: (level, text) => set((s) => ({ notices: [...s.notices, { id: ++noticeSeq, level, text }].slice(-noticesShownMax) })),
  dismissNotice: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
});
