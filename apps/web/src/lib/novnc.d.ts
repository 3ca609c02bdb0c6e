// The part of noVNC's RFB class the console uses (@novnc/novnc ships no types; DefinitelyTyped's describe the old
// `lib/rfb` entry that 1.7 no longer has).
declare module '@novnc/novnc' {
  export default class RFB extends EventTarget {
    constructor(
      target: HTMLElement,
      url: string,
      options?: { shared?: boolean; credentials?: { password?: string } },
    );
    scaleViewport: boolean;
    resizeSession: boolean;
    background: string;
    viewOnly: boolean;
    disconnect(): void;
    sendCtrlAltDel(): void;
    sendKey(keysym: number, code: string | null, down?: boolean): void;
    focus(): void;
    addEventListener(type: 'connect', listener: (event: CustomEvent<Record<string, never>>) => void): void;
    addEventListener(type: 'disconnect', listener: (event: CustomEvent<{ clean: boolean }>) => void): void;
    addEventListener(type: string, listener: (event: CustomEvent) => void): void;
  }
}
