import type { Scope } from '@/engine/entry';

type Props = { scope: Scope };

/** 全国 / 湖南省 / 怀化市 …, coloured by level. */
export function ScopeBadge({ scope }: Props) {
  return (
    <span class={`pg-badge pg-badge-${scope.level}`} title={scope.level}>
      {scope.region}
    </span>
  );
}
