import { inMemoryRepositories } from '../../../shared/store/in-memory/repositories.js';
import { describeRepositoriesContract } from '../../contract/repositories.contract.js';

describeRepositoriesContract('in memory', async () => {
  const repos = inMemoryRepositories();
  return { repos, loseNextAnswer: () => repos.table.loseNextAnswer(), putBeforeNextWrite: (item) => repos.table.putBeforeNextWrite(item) };
});
