//! The `required` document: the TFP growth the plan's funding needs (a) and the investment
//! the target needs given the scenario's TFP or ICOR (b), the financing gap by year.

use crate::model::Required;
use crate::report::Lang;
use crate::report::doc::{
    Block, Cell, Column, Document, Figure, KeyFigure, Kind, NativeChart, NativeKind, Table,
};
use crate::scenario::{Engine, Scenario};

/// The document of `grdpsim required`.
pub fn required(
    sc: &Scenario,
    r: &Required,
    chart: Option<crate::report::charts::Chart>,
    l: Lang,
) -> Document {
    let title = match l {
        Lang::Vi => format!(
            "Điều kiện để tăng trưởng {}/năm: TFP và vốn đầu tư cần có",
            l.pct(r.target, 1)
        ),
        Lang::En => format!(
            "What {} a year takes: the TFP and the investment needed",
            l.pct(r.target, 1)
        ),
    };
    let subtitle = format!(
        "{} — {}",
        sc.meta.name,
        l.pick(&sc.meta.title_vi, &sc.meta.title_en)
    );
    let mut doc = Document::new("required", title, subtitle);
    let basis = match sc.meta.engine {
        Engine::GrowthAccounting => "TFP",
        Engine::Icor => "ICOR",
    };
    doc.headline = vec![
        KeyFigure {
            label: l
                .pick(
                    "(a) TFP cần tăng bình quân/năm với vốn kế hoạch",
                    "(a) TFP growth needed a year with the planned funding",
                )
                .into(),
            value: r.implied_tfp_growth_mean,
            kind: Kind::Rate { decimals: 2 },
            interval: None,
        },
        KeyFigure {
            label: l
                .pick(
                    "(a) Tỷ trọng đóng góp TFP cần có cả kỳ",
                    "(a) TFP share of growth needed over the period",
                )
                .into(),
            value: r.implied_tfp_share_period,
            kind: Kind::Rate { decimals: 1 },
            interval: None,
        },
        KeyFigure {
            label: match l {
                Lang::Vi => format!("(b) Vốn đầu tư cần có cả kỳ với {basis} của kịch bản"),
                Lang::En => {
                    format!("(b) Investment needed over the period with the scenario's {basis}")
                }
            },
            value: r.required_total,
            kind: Kind::MoneyVnd,
            interval: None,
        },
        KeyFigure {
            label: l
                .pick(
                    "Vốn đầu tư theo kế hoạch cả kỳ",
                    "Planned investment over the period",
                )
                .into(),
            value: r.planned_total,
            kind: Kind::MoneyVnd,
            interval: None,
        },
        KeyFigure {
            label: l
                .pick(
                    "Thiếu hụt vốn (cần − kế hoạch; âm = dư)",
                    "Financing gap (needed − planned; negative = surplus)",
                )
                .into(),
            value: r.gap_total,
            kind: Kind::MoneyVnd,
            interval: None,
        },
    ];
    let mut t = Table::new(
        "required",
        l.pick("Theo năm", "By year"),
        vec![
            Column::new("year", l.pick("Năm", "Year"), Kind::Year),
            Column::new(
                "target_growth",
                l.pick("Mục tiêu tăng trưởng", "Growth target"),
                Kind::Rate { decimals: 1 },
            ),
            Column::new(
                "implied_tfp_growth",
                l.pick("TFP cần tăng", "TFP growth needed"),
                Kind::Rate { decimals: 2 },
            ),
            Column::new(
                "implied_tfp_share",
                l.pick("Tỷ trọng TFP cần", "TFP share needed"),
                Kind::Rate { decimals: 1 },
            ),
            Column::new(
                "target_tfp_share",
                l.pick("Mục tiêu tỷ trọng TFP", "Target TFP share"),
                Kind::Rate { decimals: 1 },
            ),
            Column::new(
                "implied_icor",
                l.pick("ICOR ngầm định", "Implied ICOR"),
                Kind::Number { decimals: 2 },
            ),
            Column::new(
                "planned_investment",
                l.pick("Vốn kế hoạch", "Planned investment"),
                Kind::MoneyVnd,
            ),
            Column::new(
                "required_investment",
                l.pick("Vốn cần có", "Investment needed"),
                Kind::MoneyVnd,
            ),
            Column::new(
                "gap",
                l.pick("Thiếu hụt (+) / dư (−)", "Gap (+) / surplus (−)"),
                Kind::MoneyVnd,
            ),
            Column::new(
                "required_investment_ratio",
                l.pick("Vốn cần/GRDP", "Needed/GRDP"),
                Kind::Rate { decimals: 1 },
            ),
            Column::new(
                "grdp_nominal_target",
                l.pick(
                    "GRDP theo mục tiêu (giá hiện hành)",
                    "GRDP on target (current prices)",
                ),
                Kind::MoneyVnd,
            ),
        ],
    );
    let target_share = |i: usize| {
        sc.targets
            .tfp_share
            .as_ref()
            .and_then(|v| v.get(i))
            .map_or(Cell::Empty, |v| Cell::Num(*v))
    };
    for (i, y) in r.years.iter().enumerate() {
        t.row(vec![
            Cell::Num(f64::from(y.year)),
            Cell::Num(y.target_growth),
            Cell::Num(y.implied_tfp_growth),
            Cell::Num(y.implied_tfp_share),
            target_share(i),
            Cell::Num(y.implied_icor),
            Cell::Num(y.planned_investment),
            Cell::Num(y.required_investment),
            Cell::Num(y.gap),
            Cell::Num(y.required_investment_ratio),
            Cell::Num(y.grdp_nominal_target),
        ]);
    }
    t.row(vec![
        Cell::Text(l.pick("Cả kỳ", "Period").into()),
        Cell::Num(r.target),
        Cell::Num(r.implied_tfp_growth_mean),
        Cell::Num(r.implied_tfp_share_period),
        sc.targets.tfp_share_period.map_or(Cell::Empty, Cell::Num),
        Cell::Empty,
        Cell::Num(r.planned_total),
        Cell::Num(r.required_total),
        Cell::Num(r.gap_total),
        Cell::Empty,
        Cell::Empty,
    ]);
    t.total_rows.push(r.years.len());
    doc.blocks.push(Block::Table(t));
    doc.blocks.push(Block::Figure(Figure {
        chart,
        native: Some(NativeChart {
            kind: NativeKind::Column,
            table: "required".into(),
            categories: 0,
            series: vec![6, 7],
            title: l
                .pick(
                    "Vốn đầu tư: kế hoạch và cần có",
                    "Investment: planned and needed",
                )
                .into(),
            y_title: l.pick("nghìn tỷ đồng", "thousand bn VND").into(),
        }),
    }));
    doc.blocks.push(Block::Paragraph(match l {
        Lang::Vi => format!(
            "(a) Giữ nguồn vốn theo kế hoạch (tức giữ đường vốn tích luỹ), TFP phải tăng bình quân {}/năm, tức đóng góp {} tăng trưởng.",
            l.pct(r.implied_tfp_growth_mean, 2),
            l.pct(r.implied_tfp_share_period, 1)
        ),
        Lang::En => format!(
            "(a) Holding the planned funding (so the capital path), TFP must grow {} a year on average: {} of growth.",
            l.pct(r.implied_tfp_growth_mean, 2),
            l.pct(r.implied_tfp_share_period, 1)
        ),
    }));
    doc.blocks.push(Block::Paragraph(match l {
        Lang::Vi => format!(
            "(b) Giữ {basis} của kịch bản, để đạt {} cần {} nghìn tỷ đồng vốn đầu tư so với {} theo kế hoạch: {} {} nghìn tỷ đồng (giá hiện hành).",
            l.pct(r.target, 1),
            l.num(r.required_total, 1),
            l.num(r.planned_total, 1),
            if r.gap_total > 0.0 { "thiếu" } else { "dư" },
            l.num(r.gap_total.abs(), 1)
        ),
        Lang::En => format!(
            "(b) Holding the scenario's {basis}, {} needs {} thousand bn VND of investment against the plan's {}: a {} of {} thousand bn VND (current prices).",
            l.pct(r.target, 1),
            l.num(r.required_total, 1),
            l.num(r.planned_total, 1),
            if r.gap_total > 0.0 { "gap" } else { "surplus" },
            l.num(r.gap_total.abs(), 1)
        ),
    }));
    doc.blocks.push(Block::Note(
        l.pick(
            "Phương pháp: docs/model.md §8 (chế độ ngược). Tiền: nghìn tỷ đồng, giá hiện hành; tỷ lệ: phần trăm.",
            "Method: docs/model.md §8 (inverse modes). Money: thousand bn VND, current prices; rates in percent.",
        )
        .into(),
    ));
    doc.sources = vec![
        format!("{} {}", l.pick("kịch bản", "scenario"), sc.meta.name),
        format!("{} {}", l.pick("mã băm", "hash"), sc.content_hash),
    ];
    doc
}
