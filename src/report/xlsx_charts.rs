//! The run's workbook sheet "Biểu đồ / Charts": the data of each chart in a small table and a
//! native, editable Excel chart beside it (growth by year with its P10–P90 range, the growth
//! decomposition, the funding realised against plan, the distribution of average growth and
//! the funding curve).

use super::{Lang, msg};
use crate::model::Projection;
use crate::montecarlo::Summary;
use rust_xlsxwriter::{Chart, ChartType, Format, Worksheet, XlsxError};

/// The sheet's name in `lang`.
pub fn sheet_name(lang: Lang) -> &'static str {
    msg(lang, "charts")
}

/// A cell of a chart's data table.
enum Val {
    /// A number and its format: 0 percent, 1 money, 2 year, 3 factor.
    Num(f64, usize),
    /// A label.
    Text(String),
}

/// One chart: its data table (headers, rows) and the native chart over columns `series`.
struct Block {
    headers: Vec<String>,
    rows: Vec<Vec<Val>>,
    kind: ChartType,
    series: Vec<u16>,
    title: String,
    y_title: String,
}

/// Writes `b`'s table at row `r` and its chart beside it; returns the next free row.
fn write_block(ws: &mut Worksheet, sheet: &str, r: u32, b: Block) -> Result<u32, XlsxError> {
    let formats = [
        Format::new().set_num_format("0.00%"),
        Format::new().set_num_format("#,##0.0"),
        Format::new().set_num_format("0"),
        Format::new().set_num_format("0.0"),
    ];
    let bold = Format::new().set_bold().set_text_wrap();
    for (j, h) in b.headers.iter().enumerate() {
        ws.write_string_with_format(r, j as u16, h, &bold)?;
    }
    for (i, row) in b.rows.iter().enumerate() {
        for (j, v) in row.iter().enumerate() {
            let (rr, c) = (r + 1 + i as u32, j as u16);
            match v {
                Val::Num(x, f) => {
                    ws.write_number_with_format(rr, c, *x, &formats[*f])?;
                }
                Val::Text(t) => {
                    ws.write_string(rr, c, t)?;
                }
            }
        }
    }
    let n = b.rows.len() as u32;
    if n > 0 {
        let mut ch = Chart::new(b.kind);
        for &c in &b.series {
            ch.add_series()
                .set_categories((sheet, r + 1, 0, r + n, 0))
                .set_values((sheet, r + 1, c, r + n, c))
                .set_name((sheet, r, c));
        }
        ch.title().set_name(&b.title);
        ch.y_axis().set_name(&b.y_title);
        ch.set_width(640).set_height(340);
        ws.insert_chart(r, 6, &ch)?;
    }
    Ok(r + n.max(17) + 3)
}

/// Fills the Charts sheet; `s` is the Monte Carlo summary (`None`: only the decomposition).
///
/// # Errors
/// Workbook errors.
pub fn charts_sheet(
    ws: &mut Worksheet,
    p: &Projection,
    s: Option<&Summary>,
    l: Lang,
) -> Result<(), XlsxError> {
    let sheet = sheet_name(l);
    let m = |k: &str| msg(l, k).to_string();
    ws.set_column_width(0, 14)?;
    let title = Format::new().set_bold().set_font_size(13);
    ws.write_string_with_format(
        0,
        0,
        msg(l, "each_chart_s_data_and_an_editable_excel_chart"),
        &title,
    )?;
    let year = |y: i32| Val::Num(f64::from(y), 2);
    let mut blocks = vec![Block {
        headers: vec![m("year"), "TFP".into(), m("capital"), m("labour")],
        rows: p
            .years
            .iter()
            .map(|y| {
                vec![
                    year(y.year),
                    Val::Num(y.contrib_tfp, 0),
                    Val::Num(y.contrib_capital, 0),
                    Val::Num(y.contrib_labour, 0),
                ]
            })
            .collect(),
        kind: ChartType::ColumnStacked,
        series: vec![1, 2, 3],
        title: m("contributions_to_grdp_growth_deterministic"),
        y_title: m("growth_2"),
    }];
    if let Some(s) = s {
        blocks.push(Block {
            headers: vec![
                m("year"),
                "P10".into(),
                m("median"),
                "P90".into(),
                m("target"),
            ],
            rows: s
                .years
                .iter()
                .map(|y| {
                    vec![
                        year(y.year),
                        Val::Num(y.growth.p10, 0),
                        Val::Num(y.growth.p50, 0),
                        Val::Num(y.growth.p90, 0),
                        Val::Num(s.target, 0),
                    ]
                })
                .collect(),
            kind: ChartType::Line,
            series: vec![1, 2, 3, 4],
            title: m("real_grdp_growth_per_year_p10_p50_p90"),
            y_title: m("a_year"),
        });
        blocks.push(Block {
            headers: vec![m("funding_source"), m("plan_2"), m("realised_median")],
            rows: s
                .funding
                .iter()
                .map(|f| {
                    vec![
                        Val::Text(l.pick(&f.label_vi, &f.label_en).to_string()),
                        Val::Num(f.plan, 1),
                        Val::Num(f.realised.p50, 1),
                    ]
                })
                .collect(),
            kind: ChartType::Bar,
            series: vec![1, 2],
            title: m("funding_realised_against_plan_whole_period"),
            y_title: m("money_thousand_bn_vnd"),
        });
        let d = &s.cagr_distribution;
        let total = d.counts.iter().sum::<u64>().max(1) as f64;
        blocks.push(Block {
            headers: vec![m("average_growth_bin_centre"), m("share_of_paths")],
            rows: d
                .counts
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    vec![
                        Val::Num(d.lo + (i as f64 + 0.5) * d.width, 0),
                        Val::Num(*c as f64 / total, 0),
                    ]
                })
                .collect(),
            kind: ChartType::Column,
            series: vec![1],
            title: m("distribution_of_average_growth"),
            y_title: m("share_of_paths_2"),
        });
        if !s.funding_curve.is_empty() {
            blocks.push(Block {
                headers: vec![
                    m("planned_funding_k"),
                    m("p_reaching_the_target"),
                    m("share_of_planned_investment_spent_median"),
                ],
                rows: s
                    .funding_curve
                    .iter()
                    .map(|c| {
                        vec![
                            Val::Num(c.funding_scale, 3),
                            Val::Num(c.prob_hit, 0),
                            Val::Num(c.realised_share_median, 0),
                        ]
                    })
                    .collect(),
                kind: ChartType::Line,
                series: vec![1],
                title: m("p_reaching_the_target_with_planned_funding_scale"),
                y_title: m("probability_3"),
            });
        }
    }
    let mut r = 2;
    for b in blocks {
        r = write_block(ws, sheet, r, b)?;
    }
    Ok(())
}
