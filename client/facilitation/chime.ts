import { useSyncExternalStore } from 'react'

const STORAGE_KEY = 'lockstep:timer-chime'
const CHANGE_EVENT = 'lockstep:timer-chime-changed'

let audio: AudioContext | null = null

/** Whether this browser plays a chime when the shared timer reaches zero (off unless chosen). */
export function useChimeWanted(): boolean {
  return useSyncExternalStore(subscribe, () => window.localStorage.getItem(STORAGE_KEY) === 'on')
}

/** Turns the chime on or off here; turning it on (a click) is what lets the browser play it later. */
export function setChimeWanted(on: boolean): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, on ? 'on' : 'off')
  } catch {
    // private mode: the choice lasts for this page only, which is still what was asked
  }
  if (on) {
    audio ??= new AudioContext()
    void audio.resume()
  }
  window.dispatchEvent(new Event(CHANGE_EVENT))
}

/** Two soft tones, made here: nothing is fetched (workshops run on closed networks). */
export function playChime(): void {
  if (!audio) return
  const start = audio.currentTime + 0.02
  for (const [offset, frequency] of [
    [0, 880],
    [0.28, 660],
  ] as const) {
    const tone = audio.createOscillator()
    const level = audio.createGain()
    tone.type = 'sine'
    tone.frequency.value = frequency
    level.gain.setValueAtTime(0.0001, start + offset)
    level.gain.exponentialRampToValueAtTime(0.25, start + offset + 0.02)
    level.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.5)
    tone.connect(level).connect(audio.destination)
    tone.start(start + offset)
    tone.stop(start + offset + 0.55)
  }
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener(CHANGE_EVENT, onChange)
  window.addEventListener('storage', onChange)
  return () => {
    window.removeEventListener(CHANGE_EVENT, onChange)
    window.removeEventListener('storage', onChange)
  }
}
