import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { stageLabels } from '../../../engine/facts/catalog-customer';
import { rfmSegmentLabels } from '../../../engine/facts/rfm';
import { currentLocale } from '../i18n';
import { fetchCategories, fetchProducts, type TagRuleDraft } from '../api/tag-rules';
import { segmentName, stageName } from './describe-rule';

type Change = (patch: Partial<Record<string, unknown>>) => void;

/** Checkboxes over a list of values: the chosen ones in `value`. */
function Choices({
  name,
  options,
  value,
  onChange,
}: {
  name: string;
  options: { value: string; label: string }[];
  value: string[];
  onChange: (v: string[]) => void;
}) {
  return (
    <div className="tag-choices" data-testid={`rule-${name}`}>
      {options.map((o) => (
        <label key={o.value} className="tag-choice">
          <input
            type="checkbox"
            data-testid={`rule-${name}-${o.value}`}
            checked={value.includes(o.value)}
            onChange={(e) => onChange(e.target.checked ? [...value, o.value] : value.filter((v) => v !== o.value))}
          />
          {o.label}
        </label>
      ))}
    </div>
  );
}

/** A number input that hands on numbers (an empty box as undefined, so the server names the field). */
function NumberField({ name, label, value, onChange }: { name: string; label: string; value: number | undefined; onChange: (v: number | undefined) => void }) {
  return (
    <label className="field">
      <span>{label}</span>
      <input
        type="number"
        data-testid={`rule-${name}`}
        value={value ?? ''}
        onChange={(e) => onChange(e.target.value === '' ? undefined : Number(e.target.value))}
      />
    </label>
  );
}

/** The shop's categories (GET /api/products/categories) as checkboxes. */
function CategoryPicker({ value, onChange }: { value: string[]; onChange: (v: string[]) => void }) {
  const { t } = useTranslation();
  const [categories, setCategories] = useState<{ category: string; products: number }[] | null>(null);
  useEffect(
    () =>
      void fetchCategories().then(
        (r) => setCategories(r.categories),
        () => setCategories([]),
      ),
    [],
  );
  if (categories === null) return null;
  if (categories.length === 0) return <p className="muted">{t('tagsPage.noCategories')}</p>;
  return (
    <Choices
      name="categories"
      value={value}
      onChange={onChange}
      options={categories.map((c) => ({ value: c.category, label: `${c.category} (${c.products})` }))}
    />
  );
}

/** The shop's products (GET /api/products), searchable, as checkboxes. */
function ProductPicker({ value, onChange }: { value: string[]; onChange: (v: string[]) => void }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [products, setProducts] = useState<{ id: string; name: string | null; category: string | null }[] | null>(null);
  useEffect(() => {
    const timer = setTimeout(
      () =>
        void fetchProducts(search).then(
          (r) => setProducts(r.products),
          () => setProducts([]),
        ),
      250,
    );
    return () => clearTimeout(timer);
  }, [search]);
  const shown = [...new Set([...value, ...(products ?? []).map((p) => p.id)])];
  const label = (id: string) => {
    const p = products?.find((x) => x.id === id);
    return p ? `${p.name ?? p.id}${p.category ? ` · ${p.category}` : ''}` : id;
  };
  return (
    <div>
      <input className="tag-search" data-testid="rule-product-search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="🔍" />
      {products !== null && shown.length === 0 ? <p className="muted">{t('tagsPage.noProducts')}</p> : null}
      <Choices name="products" value={value} onChange={onChange} options={shown.map((id) => ({ value: id, label: label(id) }))} />
    </div>
  );
}

/** The fields of the rule's kind. */
export function KindFields({ draft, onChange }: { draft: TagRuleDraft; onChange: Change }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const days = 'days' in draft ? <NumberField name="days" label={t('tagsPage.days')} value={draft.days} onChange={(days) => onChange({ days })} /> : null;
  switch (draft.kind) {
    case 'bought-product':
      return field(t('tagsPage.products'), <ProductPicker value={draft.productIds} onChange={(productIds) => onChange({ productIds })} />);
    case 'bought-category':
      return field(t('tagsPage.categories'), <CategoryPicker value={draft.categories} onChange={(categories) => onChange({ categories })} />);
    case 'price-sensitive':
      return (
        <NumberField
          name="minDiscountPct"
          label={t('tagsPage.minDiscountPct')}
          value={draft.minDiscountPct}
          onChange={(minDiscountPct) => onChange({ minDiscountPct })}
        />
      );
    case 'spend-in-window':
      return (
        <>
          <NumberField name="minSpend" label={t('tagsPage.minSpend')} value={draft.minSpend} onChange={(minSpend) => onChange({ minSpend })} />
          {days}
        </>
      );
    case 'orders-in-window':
      return (
        <>
          <NumberField name="minOrders" label={t('tagsPage.minOrders')} value={draft.minOrders} onChange={(minOrders) => onChange({ minOrders })} />
          {days}
        </>
      );
    case 'rfm-segment':
      return field(
        t('tagsPage.segments'),
        <Choices
          name="segments"
          value={draft.segments}
          onChange={(segments) => onChange({ segments })}
          options={Object.keys(rfmSegmentLabels).map((s) => ({ value: s, label: segmentName(s as keyof typeof rfmSegmentLabels, locale) }))}
        />,
      );
    case 'stage':
      return field(
        t('tagsPage.stages'),
        <Choices
          name="stages"
          value={draft.stages}
          onChange={(stages) => onChange({ stages })}
          options={Object.keys(stageLabels).map((s) => ({ value: s, label: stageName(s as keyof typeof stageLabels, locale) }))}
        />,
      );
  }
}

const field = (label: string, input: React.ReactNode) => (
  <div className="field">
    <span>{label}</span>
    {input}
  </div>
);
