//! Growth accounting in log shares: TFP, capital and labour contributions that sum to growth.

/// Contributions of TFP, capital and labour to growth `g`, in growth-rate units (0.11 = 11 pp
/// of an 11% year), given the three log terms of 1+g = (1+g_A)·(K_t/K_{t−1})^α·(labour)^(1−α):
/// `[ln(1+g_A), α·ln(K_t/K_{t−1}), (1−α)·ln(labour ratio)]`.
///
/// Each factor gets the share of `g` that its log term has in ln(1+g), so the three
/// contributions always sum to `g` (to rounding). When ln(1+g) is zero the log terms are
/// returned as they are (the limit of the formula).
///
/// # Examples
/// ```
/// let g: f64 = 0.11;
/// let terms = [0.6 * g.ln_1p(), 0.3 * g.ln_1p(), 0.1 * g.ln_1p()];
/// let c = grdpsim::model::contributions(g, terms);
/// assert!((c[0] - 0.066).abs() < 1e-12);
/// assert!((c.iter().sum::<f64>() - g).abs() < 1e-15);
/// ```
pub fn contributions<const N: usize>(g: f64, terms: [f64; N]) -> [f64; N] {
    let total: f64 = terms.iter().sum();
    if total.abs() < 1e-300 {
        return terms;
    }
    let scale = g / total;
    terms.map(|t| t * scale)
}

/// Share of growth due to TFP, ln(1+g_A)/ln(1+g); `None` when growth is zero.
pub fn tfp_share(log_tfp: f64, log_total: f64) -> Option<f64> {
    (log_total.abs() > 1e-300).then(|| log_tfp / log_total)
}

/// ICOR in the plan's convention: investment/GRDP ratio divided by real growth
/// (43.74% / 11% = 3.98). `None` when growth is zero.
///
/// # Examples
/// ```
/// // 2021–2025: investment 2,479.8 over GRDP 6,533.6 (37.95%), growth 6.6% a year
/// let icor = grdpsim::model::icor_ratio(2479.8 / 6533.6, 0.066).unwrap();
/// assert!((icor - 5.75).abs() < 0.01);
/// ```
pub fn icor_ratio(investment_ratio: f64, growth: f64) -> Option<f64> {
    (growth.abs() > 1e-12).then(|| investment_ratio / growth)
}
