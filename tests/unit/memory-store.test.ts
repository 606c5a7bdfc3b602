import { MemoryBoardStore } from '../../server/storage/memory-store'
import { describeBoardStoreContract } from '../integration/storage/board-store-contract'

describeBoardStoreContract('memory', async () => ({ store: new MemoryBoardStore(), dispose: () => {} }))
