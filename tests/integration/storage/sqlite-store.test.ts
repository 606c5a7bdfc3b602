import path from 'node:path'
import { SqliteBoardStore } from '../../../server/storage/sqlite-store'
import { removeDir, tempDataDir } from '../../support/test-server'
import { describeBoardStoreContract } from './board-store-contract'

describeBoardStoreContract('SQLite', async () => {
  const dir = tempDataDir('lockstep-store')
  return { store: new SqliteBoardStore(path.join(dir, 'lockstep.db')), dispose: () => removeDir(dir) }
})
