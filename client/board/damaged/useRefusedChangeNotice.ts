import { useEffect } from 'react'
import type { RefusedChange } from '../useBoardConnection'

/** Tells the person whose change the server refused what it was, and that their board is everyone's again. */
export function useRefusedChangeNotice(refused: RefusedChange | null, notify: (text: string) => void) {
  useEffect(() => {
    if (refused)
      notify(`Your last change was not kept: ${refused.reason} The board now shows what everyone sees.`)
  }, [refused, notify])
}
