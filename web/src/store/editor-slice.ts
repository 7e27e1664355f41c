// Editor: the files the learner edits (each worker's code and the scenario JSON), which of them
// changed since the last deploy, and the markers (compile errors, runtime exceptions) by line.
import type { EditorSlice, SliceCreator } from "./types.ts";

export const scenarioFile = "scenario.json";

export const createEditorSlice: SliceCreator<EditorSlice> = (set) => ({
  files: {},
  activeFile: scenarioFile,
  dirty: [],
  markers: [],
  revealAt: null,
  setFile: (name, text) =>
    set((s) => (s.files[name] === text ? {} : { files: { ...s.files, [name]: text }, dirty: s.dirty.includes(name) ? s.dirty : [...s.dirty, name] })),
  setFiles: (files, activeFile) =>
    set((s) => ({ files, dirty: [], markers: [], activeFile: activeFile ?? (s.activeFile in files ? s.activeFile : Object.keys(files)[0] ?? scenarioFile) })),
  openFile: (activeFile) => set((s) => (activeFile in s.files ? { activeFile } : {})),
  markClean: () => set({ dirty: [] }),
  setMarkers: (markers) => set({ markers }),
  revealSource: (file, line, column = 1) =>
    set((s) => (file in s.files ? { activeFile: file, revealAt: { file, line, column, seq: (s.revealAt?.seq ?? 0) + 1 } } : {})),
});
